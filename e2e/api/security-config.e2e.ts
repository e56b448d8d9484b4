/** Settings that protect the server: the kept JWT secret must be long enough, and /metrics can require a token. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

describe('the jwt-secret file in DATA_DIR (used when JWT_SECRET is not set)', () => {
  it.each([
    ['empty', ''],
    ['shorter than 32 characters', 'abcdefghijklmnopqrstuvwxyz01234'],
  ])('refuses to start when it is %s, naming the file', async (_, content) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-secret-'));
    const file = join(dataDir, 'jwt-secret');
    writeFileSync(file, content);
    try {
      const started = startServer({ dataDir, env: { JWT_SECRET: '' } });

      const error = await started.then(
        async (server) => {
          await server.dispose();
          return null;
        },
        (failure: Error) => failure,
      );
      expect(error?.message).toMatch(/server exited with 1 before it was ready/);
      expect(error?.message).toContain(file);
      expect(error?.message).toMatch(/shorter than 32 characters/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts with a long enough one, and keeps using it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-secret-'));
    writeFileSync(join(dataDir, 'jwt-secret'), 'k'.repeat(48));
    const server = await startServer({ dataDir, env: { JWT_SECRET: '' } });
    try {
      const api = new Api(server.url);
      const user = await api.register();
      expect(await api.request('GET', '/api/auth/me', { token: user.token })).toHaveStatus(200);
    } finally {
      await server.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('METRICS_TOKEN', () => {
  const token = 'scrape-0123456789-abcdef';
  let server: RunningServer;
  let open: RunningServer;
  beforeAll(async () => {
    [server, open] = await Promise.all([startServer({ env: { METRICS_TOKEN: token } }), startServer()]);
  });
  afterAll(() => Promise.all([server?.dispose(), open?.dispose()]));

  it('restricts /metrics to a scraper presenting the token', async () => {
    const api = new Api(server.url);

    expect(await api.request('GET', '/metrics')).toBeErrorAnswer(401);
    expect(await api.request('GET', '/metrics', { token: 'scrape-0123456789-wrong!' })).toBeErrorAnswer(401);
    const scraped = await api.request('GET', '/metrics', { token });
    expect(scraped).toHaveStatus(200);
    expect(String(scraped.body)).toContain('taskpulse_http_requests_total');
    expect(await api.request('GET', '/health')).toHaveStatus(200);
  });

  it('leaves /metrics open without it', async () => {
    expect(await new Api(open.url).request('GET', '/metrics')).toHaveStatus(200);
  });
});
