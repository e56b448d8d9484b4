/** Limits that need a server of their own: the credential rate limits (AUTH_RATE_LIMIT=3, REFRESH_RATE_LIMIT=2) and access token expiry (JWT_TTL=1s). */
import { Api } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { anEmail } from '../support/builders';
import { eventually } from '@taskpulse/test-support';

let limitedServer: RunningServer;
let shortTokenServer: RunningServer;

beforeAll(async () => {
  [limitedServer, shortTokenServer] = await Promise.all([
    startServer({ env: { AUTH_RATE_LIMIT: '3', REFRESH_RATE_LIMIT: '2' } }),
    startServer({ env: { JWT_TTL: '1s' } }),
  ]);
});
afterAll(() => Promise.all([limitedServer?.dispose(), shortTokenServer?.dispose()]));

describe('the credential rate limits (AUTH_RATE_LIMIT=3 per client address and minute, refresh a budget of its own)', () => {
  // Refresh used to share the sign-in budget; it has its own now, so sign-in attempts cannot use it up (and back).
  it('counts register and login in one budget, refresh in another, then answers 429 with Retry-After', async () => {
    const sut = new Api(limitedServer.url);
    const user = { email: anEmail('limited'), password: 'correct horse', name: 'Limited' };
    const registered = await sut.request('POST', '/api/auth/register', { body: user });
    const loggedIn = await sut.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    const again = await sut.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect([registered.status, loggedIn.status, again.status]).toEqual([201, 200, 200]);

    const signIns = [
      await sut.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } }),
      await sut.request('POST', '/api/auth/register', { body: { ...user, email: anEmail('limited') } }),
    ];
    const refreshed = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: loggedIn.body.refresh_token } });
    const refreshedAgain = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: refreshed.body.refresh_token } });
    const refreshes = [await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: refreshedAgain.body.refresh_token } })];

    expect([refreshed.status, refreshedAgain.status]).toEqual([200, 200]);
    for (const answer of [...signIns, ...refreshes]) {
      expect(answer).toBeErrorAnswer(429);
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('leaves the other endpoints alone: logout, /me and the task API still answer', async () => {
    const sut = new Api(limitedServer.url);
    const limited = await sut.request('POST', '/api/auth/login', { body: { email: 'x@example.com', password: 'whatever it is' } });
    expect(limited).toBeErrorAnswer(429);
    const loggedOut = await sut.request('POST', '/api/auth/logout', { body: { refresh_token: 'unknown.token' } });

    expect(loggedOut).toHaveStatus(204);
    expect(await sut.request('GET', '/health')).toHaveStatus(200);
    expect(await sut.request('GET', '/api/tasks')).toBeErrorAnswer(401);
  });
});

describe('access token expiry (JWT_TTL=1s)', () => {
  /** A 1 s token issued late in a second would already be dead: start right after a second turns. */
  async function nearStartOfSecond(): Promise<void> {
    await eventually(() => Date.now() % 1000 < 150, 'the start of a new second', 2_000, 5);
  }

  it('says so in expires_in, answers 401 "expired" once the token is past its exp, and a refresh gives a working one', async () => {
    const sut = new Api(shortTokenServer.url);
    const user = await sut.register();
    await nearStartOfSecond();
    const session = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: user.refreshToken } });
    const token = session.body.access_token;
    expect(session.body.expires_in).toBe(1);
    expect(await sut.request('GET', '/api/auth/me', { token })).toHaveStatus(200);

    await eventually(
      async () => (await sut.request('GET', '/api/auth/me', { token })).status === 401,
      'the access token to expire',
      3_000,
      100,
    );

    expect(await sut.request('GET', '/api/tasks', { token })).toBeErrorAnswer(401, /expired/i);
    await nearStartOfSecond();
    const refreshed = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: session.body.refresh_token } });
    expect(refreshed).toHaveStatus(200);
    expect(await sut.request('GET', '/api/auth/me', { token: refreshed.body.access_token })).toHaveStatus(200);
  });
});
