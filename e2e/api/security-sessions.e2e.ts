/** Sessions end when they are ended: logout refuses the session's access token at once, refresh races cannot revive it. */
import { decodeJwt } from '@taskpulse/test-support';
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

let server: RunningServer;
let shortSessionServer: RunningServer;
let sut: Api;

beforeAll(async () => {
  [server, shortSessionServer] = await Promise.all([startServer(), startServer({ env: { SESSION_MAX_AGE: '3s' } })]);
  sut = new Api(server.url);
});
afterAll(() => Promise.all([server?.dispose(), shortSessionServer?.dispose()]));

async function login(api: Api, user: TestUser): Promise<{ access: string; refresh: string }> {
  const answer = await api.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
  expect(answer).toHaveStatus(200);
  return { access: answer.body.access_token, refresh: answer.body.refresh_token };
}

const me = (token: string) => sut.request('GET', '/api/auth/me', { token });

describe('logout ends the session at once', () => {
  it('names the session in the access token (sid), the same across refreshes and another for each sign-in', async () => {
    const user = await sut.register();
    const other = await login(sut, user);
    const refreshed = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: user.refreshToken } });

    const sid = decodeJwt(user.token).claims.sid;
    expect(typeof sid).toBe('string');
    expect(decodeJwt(refreshed.body.access_token).claims.sid).toBe(sid);
    expect(decodeJwt(other.access).claims.sid).not.toBe(sid);
  });

  it("refuses the session's access token right after logout, and leaves the user's other sessions alone", async () => {
    const user = await sut.register();
    const laptop = await login(sut, user);
    const phone = await login(sut, user);
    expect(await me(laptop.access)).toHaveStatus(200);

    expect(await sut.request('POST', '/api/auth/logout', { body: { refresh_token: laptop.refresh } })).toHaveStatus(204);

    expect(await me(laptop.access)).toBeErrorAnswer(401, /session/i);
    expect(await sut.request('GET', '/api/tasks', { token: laptop.access })).toBeErrorAnswer(401);
    expect(await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: laptop.refresh } })).toBeErrorAnswer(401);
    expect(await me(phone.access)).toHaveStatus(200);
    expect(await me(user.token)).toHaveStatus(200);
    expect(await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: phone.refresh } })).toHaveStatus(200);
  });

  it('ends the session when a spent refresh token is presented again: its access tokens are refused too', async () => {
    const user = await sut.register();
    const session = await login(sut, user);
    const next = await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: session.refresh } });
    expect(await me(next.body.access_token)).toHaveStatus(200);

    expect(await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: session.refresh } })).toBeErrorAnswer(401);

    expect(await me(next.body.access_token)).toBeErrorAnswer(401, /session/i);
    expect(await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: next.body.refresh_token } })).toBeErrorAnswer(401);
    expect(await me(user.token)).toHaveStatus(200);
  });

  it('never leaves a live token when a refresh races the logout of the same session', async () => {
    const user = await sut.register();
    let refreshWon = 0;
    for (let round = 0; round < 15; round++) {
      const session = await login(sut, user);
      const [refreshed] = await Promise.all([
        sut.request('POST', '/api/auth/refresh', { body: { refresh_token: session.refresh } }),
        sut.request('POST', '/api/auth/logout', { body: { refresh_token: session.refresh } }),
      ]);
      if (refreshed.status === 200) {
        refreshWon += 1;
        expect(await me(refreshed.body.access_token)).toBeErrorAnswer(401);
        expect(await sut.request('POST', '/api/auth/refresh', { body: { refresh_token: refreshed.body.refresh_token } })).toBeErrorAnswer(
          401,
        );
      } else {
        expect(refreshed).toBeErrorAnswer(401);
      }
      expect(await me(session.access)).toBeErrorAnswer(401);
    }
    console.log(`refresh racing logout: the refresh was answered 200 in ${refreshWon} of 15 rounds; no token outlived the logout`);
  });
});

describe('SESSION_MAX_AGE: an absolute lifetime per session (3 s here)', () => {
  it('refuses a refresh once the session is older than SESSION_MAX_AGE, however recently it was refreshed', async () => {
    const api = new Api(shortSessionServer.url);
    const user = await api.register();
    const started = Date.now();
    let refreshToken = user.refreshToken;
    let last = 200;
    while (Date.now() - started < 6000 && last === 200) {
      const answer = await api.request('POST', '/api/auth/refresh', { body: { refresh_token: refreshToken } });
      last = answer.status;
      if (answer.status === 200) refreshToken = answer.body.refresh_token;
      else expect(answer).toBeErrorAnswer(401);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const age = Date.now() - started;
    expect(last).toBe(401);
    expect(age).toBeGreaterThanOrEqual(2500);
    expect(age).toBeLessThan(5000);
    const again = await api.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(await api.request('POST', '/api/auth/refresh', { body: { refresh_token: again.body.refresh_token } })).toHaveStatus(200);
  });
});
