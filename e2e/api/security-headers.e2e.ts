/** Security headers on every answer: a strict CSP, nosniff, no Referer, no framing; HSTS only over HTTPS. */
import { Api } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  server = await startServer();
  api = new Api(server.url);
});
afterAll(() => server?.dispose());

/** One directive of a Content-Security-Policy header, as its list of sources. */
function directive(policy: string | null, name: string): string[] | undefined {
  const found = (policy ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found?.slice(1);
}

describe('security headers', () => {
  it.each([
    ['the web app', '/'],
    ['an app route', '/tasks'],
    ['the API', '/api/tasks'],
    ['liveness', '/health'],
  ])('sends the policy with %s', async (_, path) => {
    const answer = await api.request('GET', path);
    const policy = answer.headers.get('content-security-policy');

    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'connect-src')).toEqual(["'self'", `ws://127.0.0.1:${server.port}`]);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('strict-transport-security')).toBeNull();
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('adds HSTS, and a wss: connect-src, when the request came over HTTPS to a trusted proxy', async () => {
    const answer = await api.request('GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });

    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(directive(answer.headers.get('content-security-policy'), 'connect-src')).toEqual(["'self'", `wss://127.0.0.1:${server.port}`]);
  });
});
