import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, connectSocket } from '../support/ws';
import { closeCodes, isTaskEvent } from '@taskpulse/contract';
import { loggedEvents } from './helpers/events';
import { eventually, withTimeout } from '@taskpulse/test-support';

const MAX_CONNECTIONS = 3;
const MAX_BUFFERED = 32 * 1024;
const ALLOWED_ORIGIN = 'https://app.example.com';

describe('realtime limits: connections, slow consumers, Origin', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS),
        WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
        CORS_ORIGINS: `${ALLOWED_ORIGIN},https://admin.example.com`,
      },
    });
    api = new Api(server.url);
    [ada, bob] = await Promise.all([api.register(), api.register()]);
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('closes a connection past WS_MAX_CONNECTIONS_PER_USER with 1013, per user', async () => {
    const open = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => connectAcked(server.wsUrl, { token: ada.token })));

    const refused = connectSocket(server.wsUrl, { token: ada.token });
    const otherUser = await connectAcked(server.wsUrl, { token: bob.token });

    expect((await withTimeout(refused.closed, 5000, 'the 1013 close')).code).toBe(closeCodes.TRY_AGAIN_LATER);
    expect(refused.messages).toEqual([]);
    open[0].close();
    await withTimeout(open[0].closed, 5000, 'the client close');
    const again = await eventually(async () => {
      const attempt = connectSocket(server.wsUrl, { token: ada.token });
      const first = await Promise.race([attempt.waitFor(() => true, 'a first message'), attempt.closed]);
      return 'event_type' in first ? attempt : undefined;
    }, 'a free slot after a close');
    const rest = [...open.slice(1), otherUser, again];
    for (const client of rest) client.close();
    await withTimeout(Promise.all(rest.map((client) => client.closed)), 5000, 'the clients to close');
  });

  it('cuts off a consumer that does not read (1013), which then resumes losslessly with since', async () => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token });
    const task = await api.createTask(ada);
    await sut.waitFor((m) => m.event_type === 'task_created', 'the task_created');
    (sut.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const cutOff = () => server.output().includes('consumer too slow');

    let updates = 0;
    // Control characters are escaped to six bytes each: ~60 KB per event, to get past the kernel's socket buffers sooner.
    const big = '\u0001'.repeat(9900);
    while (!cutOff() && updates < 2000) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.request('PATCH', `/api/tasks/${task.id}`, {
            token: ada.token,
            body: { description: `${updates + i} ${big}` },
          }),
        ),
      );
      updates += 10;
    }
    (sut.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    const { code } = await withTimeout(sut.closed, 10_000, 'the 1013 close');

    expect(code).toBe(closeCodes.TRY_AGAIN_LATER);
    const received = loggedEvents(sut);
    const resumed = await connectAcked(server.wsUrl, { token: ada.token, since: received[received.length - 1].seq });
    await resumed.waitFor((m) => m.event_type === 'replay_complete', 'replay_complete', 10_000);
    const seqs = [...received, ...loggedEvents(resumed)].map((m) => m.seq);
    const versions = [...received, ...loggedEvents(resumed)].filter(isTaskEvent).map((m) => m.data.task?.version);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(versions).toEqual(Array.from({ length: updates + 1 }, (_, i) => i + 1));
    console.log(
      `slow consumer: cut off after ${updates} updates; ${received.length} events before the close, ${seqs.length - received.length} replayed`,
    );
    resumed.close();
  });

  it.each([
    ['a foreign Origin', 'https://evil.example.com', closeCodes.POLICY_VIOLATION],
    ['the null Origin', 'null', closeCodes.POLICY_VIOLATION],
  ])('refuses %s with 1008 before sending anything', async (_what, origin, code) => {
    const sut = connectSocket(server.wsUrl, { token: ada.token, origin });

    expect((await withTimeout(sut.closed, 5000, 'the 1008 close')).code).toBe(code);
    expect(sut.messages).toEqual([]);
  });

  it.each([
    ['a listed Origin', ALLOWED_ORIGIN],
    ['another listed Origin', 'https://admin.example.com'],
    ['no Origin (a non-browser client)', undefined],
    ["the server's own origin", 'SELF'],
  ])('accepts %s', async (_what, origin) => {
    const sut = await connectAcked(server.wsUrl, { token: ada.token, origin: origin === 'SELF' ? server.url : origin });

    expect(sut.messages[0].event_type).toBe('connection_ack');
    sut.close();
  });
});
