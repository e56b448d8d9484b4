import { Api, TestUser } from '../support/api';
import { E2E_JWT_SECRET, RunningServer, startServer } from '../support/server';
import { connectAcked, connectSocket, delay } from '../support/ws';
import { closeCodes, type ConnectionAckData, type ServerMessage } from '@taskpulse/contract';
import { badTokens, tokenFor, withTimeout } from '@taskpulse/test-support';

describe('realtime handshake and in-band auth', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    [ada, bob] = await Promise.all([api.register(), api.register()]);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  describe('refuses a bad token with 4401 before sending anything', () => {
    const kinds = [
      'missing',
      'empty',
      'malformed',
      'wrong signature',
      'alg none',
      'alg HS512',
      'tampered payload',
      'expired',
      'no subject',
    ];
    it.each(kinds)('%s', async (kind) => {
      const token = badTokens(ada.id, ada.token, E2E_JWT_SECRET)[kind];
      const sut = connectSocket(server.wsUrl, token === null ? {} : { query: `token=${encodeURIComponent(token)}` });

      const { code } = await withTimeout(sut.closed, 5000, `the close of a socket with a ${kind} token`);

      expect(code).toBe(closeCodes.TOKEN_INVALID);
      expect(sut.messages).toEqual([]);
    });
  });

  it('acknowledges a valid token with every field of the contract', async () => {
    const head = (await api.allTasks(ada)).seq;

    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    const ack = sut.messages[0] as ServerMessage<'connection_ack'>;
    expect(ack.event_type).toBe('connection_ack');
    expect(new Date(ack.timestamp).toISOString()).toBe(ack.timestamp);
    const data: ConnectionAckData = ack.data;
    expect(data.user_id).toBe(ada.id);
    expect(data.connection_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.seq).toBe(head);
    expect(data.heartbeat_ms).toBe(30_000);
    const exp = JSON.parse(Buffer.from(ada.token.split('.')[1], 'base64url').toString()).exp;
    expect(data.expires_at).toBe(new Date(exp * 1000).toISOString());
    sut.close();
  });

  it('gives every connection its own id', async () => {
    const [first, second] = await Promise.all([
      connectAcked(server.wsUrl, { token: ada.token }),
      connectAcked(server.wsUrl, { token: ada.token }),
    ]);

    const ids = [first, second].map((c) => (c.messages[0] as ServerMessage<'connection_ack'>).data.connection_id);

    expect(ids[0]).not.toBe(ids[1]);
    first.close();
    second.close();
  });

  it("closes 4403 when another user's token is sent on auth", async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'auth', token: bob.token });

    expect((await withTimeout(sut.closed, 5000, 'the 4403 close')).code).toBe(closeCodes.FORBIDDEN_USER);
  });

  it.each([
    ['invalid', () => 'not-a-jwt'],
    ['expired', () => badTokens(ada.id, ada.token, E2E_JWT_SECRET).expired as string],
    ['forged', () => badTokens(ada.id, ada.token, E2E_JWT_SECRET)['wrong signature'] as string],
  ])('answers auth with a %s token by a bad_field error and stays open', async (_kind, token) => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'auth', token: token() });

    const error = await sut.waitFor((m) => m.event_type === 'error', 'the error event');
    expect(error.data).toEqual({ code: 'bad_field', message: expect.any(String) });
    sut.send({ type: 'ping', id: 'still-there' });
    await sut.waitFor((m) => m.event_type === 'pong', 'a pong after the bad auth');
    sut.close();
  });

  it('accepts a fresh token of the same user on auth without a reply', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'auth', token: tokenFor(ada.id, E2E_JWT_SECRET, 3600) });
    sut.send({ type: 'ping', id: 'after-auth' });

    await sut.waitFor((m) => m.event_type === 'pong', 'the pong after auth');
    expect(sut.messages.map((m) => m.event_type)).toEqual(['connection_ack', 'pong']);
    sut.close();
  });

  it("never lets one user's socket see another user's private task", async () => {
    const adaSocket = await connectAcked(server.wsUrl, { token: ada.token });
    const bobSocket = await connectAcked(server.wsUrl, { token: bob.token });

    await api.createTask(ada, { title: 'private' }, 'ada-private');
    await adaSocket.waitFor((m) => m.event_type === 'task_created', "ada's own task_created");
    await api.createTask(bob, { title: 'bob private' }, 'bob-private');
    await bobSocket.waitFor((m) => m.event_type === 'task_created', "bob's own task_created");
    await delay(100);

    expect(bobSocket.messages.filter((m) => m.event_type === 'task_created')).toHaveLength(1);
    expect(adaSocket.messages.filter((m) => m.event_type === 'task_created')).toHaveLength(1);
    adaSocket.close();
    bobSocket.close();
  });
});
