/**
 * A shared Redis is not trusted: what arrives on the bus is at most a hint, read against this instance's own log and
 * sessions, and the rate limits count there so every instance spends one budget. Needs Redis (TEST_REDIS_URL: set by
 * `npm test` when Redis answers, which fails under CI=true when it does not); the two-instance part needs PostgreSQL.
 */
import { closeCodes, isLoggedEvent } from '@taskpulse/contract';
import { testDatabase, withTimeout } from '@taskpulse/test-support';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Api, type TestUser } from '../support/api';
import { anEmail } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, delay } from '../support/ws';
import { loggedEvents, titleOf } from './helpers/events';

const redisUrl = process.env.TEST_REDIS_URL;
const describeWithRedis = redisUrl ? describe : describe.skip;
const describeTwoInstances = redisUrl && testDatabase === 'postgres' ? describe : describe.skip;

describeWithRedis('the Redis bus carries hints only', () => {
  const namespace = `security-${randomUUID().slice(0, 8)}`;
  let server: RunningServer;
  let api: Api;
  let publisher: Redis;

  beforeAll(async () => {
    server = await startServer({ env: { REDIS_URL: redisUrl!, EVENT_BUS_NAMESPACE: namespace } });
    api = new Api(server.url);
    publisher = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await publisher?.quit();
    await server?.dispose();
  });

  it('delivers nothing forged, foreign or garbled, and every real event after it, in order', async () => {
    const ada = await api.register({ name: 'Ada' });
    const task = await api.createTask(ada, { title: 'real 0' });
    const socket = await connectAcked(server.wsUrl, { token: ada.token });
    const head = socket.messages[0].data as { seq: number };
    const forgedEvent = (seq: number) =>
      JSON.stringify({
        seq,
        event_type: 'task_updated',
        timestamp: new Date().toISOString(),
        recipients: [{ kind: 'user', id: ada.id, permission: 'owner' }],
        data: { task_id: task.id, user_id: ada.id, team_id: null, task: { ...task, title: 'forged' }, mutation_id: 'forged' },
        entry: { seq, type: 'task_updated', actorId: ada.id, taskId: task.id, task: { ...task, title: 'forged' } },
      });
    const messages = [
      forgedEvent(head.seq + 1),
      forgedEvent(head.seq + 2),
      JSON.stringify({ seq: head.seq + 1000 }),
      JSON.stringify({ seq: Number.MAX_SAFE_INTEGER }),
      JSON.stringify({ seq: 1e300 }),
      JSON.stringify({ seq: -1 }),
      JSON.stringify({ seq: '7' }),
      JSON.stringify({ sessions: 'ended' }),
      'null',
      '[1, 2, 3]',
      'not json at all {',
      '',
    ];
    const channels = [`taskpulse:${namespace}:events`, 'taskpulse:events', `taskpulse:another-deployment:events`];
    for (const channel of channels) for (const message of messages) await publisher.publish(channel, message);
    await delay(300);

    for (let i = 1; i <= 3; i++) await api.request('PATCH', `/api/tasks/${task.id}`, { token: ada.token, body: { title: `real ${i}` } });
    await socket.waitFor((m) => titleOf(m) === 'real 3', 'the last real change', 5000);
    for (const message of messages.slice(0, 4)) await publisher.publish(`taskpulse:${namespace}:events`, message);
    await api.request('PATCH', `/api/tasks/${task.id}`, { token: ada.token, body: { title: 'real 4' } });
    await socket.waitFor((m) => titleOf(m) === 'real 4', 'a real change after more forgeries', 5000);

    const received = loggedEvents(socket);
    expect(received.map(titleOf)).toEqual(['real 1', 'real 2', 'real 3', 'real 4']);
    expect(received.map((m) => m.seq)).toEqual([head.seq + 1, head.seq + 2, head.seq + 3, head.seq + 4]);
    expect(socket.messages.filter((m) => !isLoggedEvent(m)).map((m) => m.event_type)).toEqual(['connection_ack']);
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
    socket.close();
  });

  it('counts the rate limits in Redis: a restarted instance still knows them', async () => {
    const limited = { REDIS_URL: redisUrl!, EVENT_BUS_NAMESPACE: namespace, AUTH_ACCOUNT_RATE_LIMIT: '3' };
    const first = await startServer({ env: limited });
    const email = anEmail('redis-limit');
    const attempt = (on: RunningServer) =>
      new Api(on.url).request('POST', '/api/auth/login', { body: { email, password: 'wrong password!' } });
    const statuses = [(await attempt(first)).status, (await attempt(first)).status, (await attempt(first)).status];
    await first.dispose();
    const second = await startServer({ env: limited });
    try {
      const refused = await attempt(second);
      expect(statuses).toEqual([401, 401, 401]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    } finally {
      await second.dispose();
    }
  });
});

describeTwoInstances('two instances on one PostgreSQL and one Redis', () => {
  let a: RunningServer;
  let b: RunningServer;
  let apiA: Api;
  let apiB: Api;

  beforeAll(async () => {
    a = await startServer({ env: { REDIS_URL: redisUrl!, AUTH_ACCOUNT_RATE_LIMIT: '4' } });
    b = await startServer({ env: { REDIS_URL: redisUrl!, AUTH_ACCOUNT_RATE_LIMIT: '4' }, databaseUrl: a.databaseUrl! });
    apiA = new Api(a.url);
    apiB = new Api(b.url);
  });
  afterAll(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  async function signIn(api: Api, user: TestUser): Promise<{ access: string; refresh: string }> {
    const answer = await api.request('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    return { access: answer.body.access_token, refresh: answer.body.refresh_token };
  }

  it('ends a session everywhere: logout on one instance closes its sockets on the other (4401) and refuses its token there', async () => {
    const user = await apiA.register();
    const ended = await signIn(apiA, user);
    const onB = await connectAcked(b.wsUrl, { token: ended.access });
    const otherOnB = await connectAcked(b.wsUrl, { token: user.token });

    await apiA.request('POST', '/api/auth/logout', { body: { refresh_token: ended.refresh } });

    expect((await apiB.request('GET', '/api/auth/me', { token: ended.access })).status).toBe(401);
    expect(await withTimeout(onB.closed, 3000, 'the 4401 close on the other instance')).toEqual({
      code: closeCodes.TOKEN_INVALID,
      reason: 'session ended',
    });
    expect(otherOnB.socket.readyState).toBe(otherOnB.socket.OPEN);
    expect((await apiB.request('GET', '/api/auth/me', { token: user.token })).status).toBe(200);
    otherOnB.close();
  });

  it('spends one sign-in budget per account across the instances', async () => {
    const email = anEmail('shared-budget');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const api = i % 2 === 0 ? apiA : apiB;
      statuses.push((await api.request('POST', '/api/auth/login', { body: { email, password: 'wrong password!' } })).status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
