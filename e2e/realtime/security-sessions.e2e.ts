/** Ending a session closes its sockets (4401) and keeps its tokens out; the user's other sessions stay connected. */
import { closeCodes } from '@taskpulse/contract';
import { withTimeout } from '@taskpulse/test-support';
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, connectSocket } from '../support/ws';
import { mutationOf } from './helpers/events';

describe('sessions and sockets', () => {
  let server: RunningServer;
  let api: Api;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
  });
  afterAll(() => server?.dispose());

  async function signIn(user: TestUser): Promise<{ access: string; refresh: string }> {
    const answer = await api.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    return { access: answer.body.access_token, refresh: answer.body.refresh_token };
  }

  it("closes the session's sockets with 4401 at logout; another session of the same user keeps receiving", async () => {
    const user = await api.register();
    const laptop = await signIn(user);
    const laptopSockets = await Promise.all([
      connectAcked(server.wsUrl, { token: laptop.access }),
      connectAcked(server.wsUrl, { token: laptop.access }),
    ]);
    const phone = await connectAcked(server.wsUrl, { token: user.token });

    await api.request('POST', '/api/auth/logout', { body: { refresh_token: laptop.refresh } });

    for (const socket of laptopSockets) {
      const closed = await withTimeout(socket.closed, 2000, 'the 4401 close of a socket of the ended session');
      expect(closed).toEqual({ code: closeCodes.TOKEN_INVALID, reason: 'session ended' });
    }
    await api.createTask(user, { title: 'after the logout' }, 'after-logout');
    await phone.waitFor((m) => mutationOf(m) === 'after-logout', "the other session's live event");
    expect(phone.socket.readyState).toBe(phone.socket.OPEN);
    phone.close();
  });

  it("refuses to open a socket with an ended session's token, and refuses it on auth", async () => {
    const user = await api.register();
    const ended = await signIn(user);
    await api.request('POST', '/api/auth/logout', { body: { refresh_token: ended.refresh } });

    const refused = connectSocket(server.wsUrl, { token: ended.access });
    expect(await withTimeout(refused.closed, 5000, 'the 4401 close')).toEqual({ code: closeCodes.TOKEN_INVALID, reason: 'session ended' });
    expect(refused.messages).toEqual([]);

    const live = await connectAcked(server.wsUrl, { token: user.token });
    live.send({ type: 'auth', token: ended.access });
    const error = await live.waitFor((m) => m.event_type === 'error', 'the error answering the ended token');
    expect(error.data).toMatchObject({ code: 'bad_field' });
    live.close();
  });
});
