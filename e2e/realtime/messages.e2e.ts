import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import { closeCodes, type ServerMessage } from '@taskpulse/contract';
import { withTimeout } from '@taskpulse/test-support';

describe('realtime client messages, bad input and limits', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let bob: TestUser;
  let bystander: SocketClient;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    [ada, bob] = await Promise.all([api.register(), api.register()]);
    bystander = await connectAcked(server.wsUrl, { token: bob.token });
  });

  afterAll(async () => {
    bystander?.close();
    await server?.dispose();
  });

  /** After each abuse: the server is up and another user's socket still gets its events. */
  afterEach(async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const mutationId = `bystander-${Date.now()}`;
    await api.createTask(bob, {}, mutationId);
    await bystander.waitFor((m) => m.event_type === 'task_created' && m.data.mutation_id === mutationId, "the bystander's own event");
  });

  it('answers ping with pong echoing the id', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'ping', id: 'abc-123' });
    sut.send({ type: 'ping' });

    const pongs = [
      await sut.waitFor<ServerMessage<'pong'>>((m) => m.event_type === 'pong' && m.data.id === 'abc-123', 'the pong with id'),
      await sut.waitFor<ServerMessage<'pong'>>((m) => m.event_type === 'pong' && m.data.id === null, 'the pong without id'),
    ];
    expect(pongs.map((p) => p.data)).toEqual([{ id: 'abc-123' }, { id: null }]);
    sut.close();
  });

  it.each([
    ['bad JSON', '{"type": "ping"', 'bad_json'],
    ['a binary frame', Buffer.from('{"type":"ping"}'), 'bad_json'],
    ['an unknown type', { type: 'subscribe', channel: 'everything' }, 'unknown_type'],
    ['a missing type', { id: 'x' }, 'bad_field'],
    ['an array', [1, 2, 3], 'bad_field'],
    ['a number', 42, 'bad_field'],
    ['null', 'null', 'bad_field'],
    ['a ping id that is not a string', { type: 'ping', id: { nested: true } }, 'bad_field'],
    ['a ping id that is too long', { type: 'ping', id: 'x'.repeat(200) }, 'bad_field'],
    ['auth without a token', { type: 'auth' }, 'bad_field'],
    ['auth with a number token', { type: 'auth', token: 12 }, 'bad_field'],
  ])('answers %s with an error event and stays open', async (_what, frame, code) => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    if (Buffer.isBuffer(frame)) sut.socket.send(frame, { binary: true });
    else sut.send(typeof frame === 'string' ? frame : JSON.stringify(frame));

    const error = await sut.waitFor<ServerMessage<'error'>>((m) => m.event_type === 'error', `the ${code} error`);
    expect(error.data).toEqual({ code, message: expect.any(String) });
    sut.send({ type: 'ping', id: 'alive' });
    await sut.waitFor((m) => m.event_type === 'pong', 'the pong after the error');
    sut.close();
  });

  it('closes 1009 on a frame larger than WS_MAX_PAYLOAD', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'ping', id: 'x'.repeat(17 * 1024) });

    expect((await withTimeout(sut.closed, 5000, 'the 1009 close')).code).toBe(closeCodes.MESSAGE_TOO_BIG);
  });

  it('accepts a frame just under the limit (answered with bad_field, not closed)', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.send({ type: 'ping', id: 'x'.repeat(16 * 1024 - 40) });

    await sut.waitFor((m) => m.event_type === 'error', 'the bad_field for the long id');
    sut.close();
  });

  it('closes a text frame that is not UTF-8 at the protocol level (1007), nothing else affected', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    sut.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });

    expect((await withTimeout(sut.closed, 5000, 'the 1007 close')).code).toBe(1007);
  });

  it('closes 1008 on a flood of messages', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    for (let i = 0; i < 200; i++) sut.send({ type: 'ping', id: String(i) });

    expect((await withTimeout(sut.closed, 5000, 'the 1008 close')).code).toBe(closeCodes.POLICY_VIOLATION);
    expect(sut.messages.filter((m) => m.event_type === 'pong').length).toBeLessThan(200);
  });

  it('lets a steady client ping within the budget', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });

    for (let i = 0; i < 30; i++) sut.send({ type: 'ping', id: String(i) });

    await sut.waitFor((m) => m.event_type === 'pong' && m.data.id === '29', 'the 30th pong');
    expect(sut.socket.readyState).toBe(sut.socket.OPEN);
    sut.close();
  });
});
