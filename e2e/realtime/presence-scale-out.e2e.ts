/**
 * Presence across two instances on one PostgreSQL database and one Redis: a user on one instance sees who is on the
 * task through the other, live, including a disconnect; someone who cannot see the task hears nothing on either.
 * Needs both services (like scale-out.e2e.ts): skipped without them, failed under CI=true by scripts/test.mjs.
 */
import type { PresenceData, ServerMessage } from '@taskpulse/contract';
import { testDatabase } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import { barrier } from './helpers/events';

const redisUrl = process.env.TEST_REDIS_URL;
const describeScaleOut = testDatabase === 'postgres' && redisUrl ? describe : describe.skip;

type Presence = ServerMessage<'presence'>;

describeScaleOut('presence across two instances (PostgreSQL + Redis)', () => {
  let a: RunningServer;
  let b: RunningServer;
  let apiA: Api;
  let ada: TestUser;
  let ben: TestUser;
  let dan: TestUser;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    a = await startServer({ env: { REDIS_URL: redisUrl! } });
    b = await startServer({ env: { REDIS_URL: redisUrl! }, databaseUrl: a.databaseUrl! });
    apiA = new Api(a.url);
    [ada, ben, dan] = await Promise.all(['Ada', 'Ben', 'Dan'].map((name) => apiA.register({ name })));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await b?.dispose();
    await a?.dispose();
  });

  const connect = async (server: RunningServer, user: TestUser) => {
    const socket = await connectAcked(server.wsUrl, { token: user.token });
    sockets.push(socket);
    return socket;
  };
  const next = (client: SocketClient, taskId: string, what: string, predicate: (data: PresenceData) => boolean) =>
    client.waitFor<Presence>((m) => m.event_type === 'presence' && m.data.task_id === taskId && predicate(m.data), what, 5000);

  it('carries viewing, editing and a disconnect from one instance to the other, to those who see the task only', async () => {
    const task = await apiA.createTask(ada, aTask());
    await apiA.share(ada, task.id, ben, 'edit');
    const adaOnA = await connect(a, ada);
    const benOnB = await connect(b, ben);
    const danOnB = await connect(b, dan);
    // Live on both (acknowledged sockets go live once delivery has caught up): presence reaches live connections.
    await barrier(apiA, [
      { user: ada, client: adaOnA },
      { user: ben, client: benOnB },
      { user: dan, client: danOnB },
    ]);

    const benSees = next(benOnB, task.id, 'Ben on B: Ada viewing on A', (d) => d.users.some((u) => u.user_id === ada.id));
    adaOnA.send({ type: 'presence', task_id: task.id, state: 'viewing' });
    expect((await benSees).data.users).toEqual([{ user_id: ada.id, name: 'Ada', state: 'viewing', field: null }]);

    const adaSees = next(adaOnA, task.id, 'Ada on A: Ben editing on B', (d) => d.users.some((u) => u.state === 'editing'));
    benOnB.send({ type: 'presence', task_id: task.id, state: 'editing', field: 'description' });
    expect((await adaSees).data.users).toEqual([{ user_id: ben.id, name: 'Ben', state: 'editing', field: 'description' }]);

    const gone = next(adaOnA, task.id, 'Ada on A: Ben gone from B', (d) => d.users.length === 0);
    benOnB.socket.terminate();
    await gone;

    await barrier(apiA, [{ user: dan, client: danOnB }]);
    expect(danOnB.messages.filter((m) => m.event_type === 'presence')).toEqual([]);
  });
});
