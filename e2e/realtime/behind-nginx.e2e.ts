/**
 * The nginx configuration of docs/deploy.md, run with Debian's nginx in front of the app: live over WebSocket;
 * then, with the upgrade headers stripped as a proxy that refuses WebSocket would, every change over server-sent
 * events in under a second, none lost, none twice; and (with PostgreSQL + Redis) two instances upstream.
 * Skipped with one line when nginx is not installed; under CI=true its absence fails.
 */
import { existsSync } from 'node:fs';
import { type AnyServerMessage, isLoggedEvent, type LoggedServerMessage } from '@taskpulse/contract';
import { testDatabase } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { NGINX_BIN, type RunningNginx, documentedSiteConfig, siteFor, startNginx } from '../support/nginx';
import { RunningServer, startServer } from '../support/server';
import { openEventStream } from '../support/sse';
import { connectAcked, connectSocket, SocketClient } from '../support/ws';

/** The title of the task an event carries: Ben watches Ada's changes, whose mutation ids only Ada's copies carry. */
const titleOf = (m: AnyServerMessage) => (m.data as { task?: { title?: string } | null }).task?.title;

const nginxPresent = existsSync(NGINX_BIN);
const ci = process.env.CI === 'true';
const redisUrl = process.env.TEST_REDIS_URL;
/** Two instances need one shared database and Redis; on SQLite one instance stands upstream. */
const twoInstances = testDatabase === 'postgres' && Boolean(redisUrl);
const BUDGET_MS = 1000;
const CHANGES = 30;

if (!nginxPresent && !ci) console.log(`- skipping the nginx suite: ${NGINX_BIN} is not installed (apt-get install -y nginx).`);

describe('nginx is available', () => {
  (ci ? it : it.skip)(`finds ${NGINX_BIN} (required under CI=true)`, () => {
    expect(nginxPresent).toBe(true);
  });
});

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

(nginxPresent ? describe : describe.skip)(
  `behind nginx (docs/deploy.md, ${twoInstances ? 'two instances' : 'one instance'} upstream)`,
  () => {
    const instances: RunningServer[] = [];
    let withUpgrades: RunningNginx;
    let withoutUpgrades: RunningNginx;
    let api: Api;
    let ada: TestUser;
    let ben: TestUser;
    const sockets: SocketClient[] = [];

    beforeAll(async () => {
      const env = twoInstances ? { REDIS_URL: redisUrl! } : undefined;
      instances.push(await startServer({ env }));
      if (twoInstances) instances.push(await startServer({ env, databaseUrl: instances[0].databaseUrl! }));
      const site = documentedSiteConfig();
      const ports = instances.map((instance) => instance.port);
      withUpgrades = await startNginx((port) => siteFor(site, ports, port));
      withoutUpgrades = await startNginx((port) => siteFor(site, ports, port, true));
      api = new Api(withUpgrades.url);
      [ada, ben] = await Promise.all([api.register({ name: 'Ada' }), api.register({ name: 'Ben' })]);
      const task = await api.createTask(ada, aTask());
      await api.share(ada, task.id, ben, 'edit');
    });

    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await withUpgrades?.stop();
      await withoutUpgrades?.stop();
      for (const instance of instances.reverse()) await instance.dispose();
    });

    it('serves REST and the web app through the documented configuration', async () => {
      const health = await api.request('GET', '/health/ready');
      expect(health.status).toBe(200);
      expect((await api.request('GET', '/api/auth/me', { token: ada.token })).body).toMatchObject({ id: ada.id });
    });

    it('is live over WebSocket through nginx', async () => {
      const socket = await connectAcked(withUpgrades.wsUrl, { token: ben.token });
      sockets.push(socket);
      const latencies: number[] = [];
      const { items } = await api.allTasks(ada);
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        await api.request('PATCH', `/api/tasks/${items[0].id}`, {
          token: ada.token,
          body: { title: `ws ${i}` },
          headers: { 'x-mutation-id': `ws-${i}` },
        });
        await socket.waitFor((m) => titleOf(m) === `ws ${i}`, `ws-${i} through nginx`);
        latencies.push(Date.now() - started);
      }
      console.log(`nginx, WebSocket: change to client p50 ${percentile(latencies, 0.5)} ms, max ${Math.max(...latencies)} ms`);
      expect(Math.max(...latencies)).toBeLessThan(BUDGET_MS);
    });

    it('refuses WebSocket when upgrades are stripped, and carries every change over server-sent events in under a second', async () => {
      const refused = connectSocket(withoutUpgrades.wsUrl, { token: ben.token });
      const closed = await refused.closed;
      expect(closed.code).toBe(1006);

      const sseApi = new Api(withoutUpgrades.url);
      const stream = await openEventStream(withoutUpgrades.url, { token: ben.token });
      const ackAt = Date.now();
      await stream.waitFor((m) => m.event_type === 'connection_ack', 'connection_ack through nginx', BUDGET_MS);
      expect(Date.now() - ackAt).toBeLessThan(BUDGET_MS);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');

      const { items } = await sseApi.allTasks(ada);
      const latencies: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        const started = Date.now();
        const answer = await sseApi.request('PATCH', `/api/tasks/${items[0].id}`, {
          token: ada.token,
          body: { title: `sse ${i}` },
          headers: { 'x-mutation-id': `sse-${i}` },
        });
        expect(answer.status).toBe(200);
        await stream.waitFor((m) => titleOf(m) === `sse ${i}`, `sse-${i} through nginx`, 5000);
        latencies.push(Date.now() - started);
      }
      const logged = stream.messages.filter(isLoggedEvent) as LoggedServerMessage[];
      expect(logged.map(titleOf)).toEqual(Array.from({ length: CHANGES }, (_, i) => `sse ${i}`));
      expect(logged.every((m, i) => i === 0 || m.seq > logged[i - 1].seq)).toBe(true);
      console.log(
        `nginx without upgrades, server-sent events: change to client p50 ${percentile(latencies, 0.5)} ms, ` +
          `p95 ${percentile(latencies, 0.95)} ms, max ${Math.max(...latencies)} ms over ${CHANGES} changes`,
      );
      expect(Math.max(...latencies)).toBeLessThan(BUDGET_MS);

      // A drop, changes meanwhile, and a resume with Last-Event-ID through nginx: exactly the missed ones.
      stream.close();
      for (let i = 0; i < 5; i++) {
        await sseApi.request('PATCH', `/api/tasks/${items[0].id}`, {
          token: ada.token,
          body: { title: `gap ${i}` },
          headers: { 'x-mutation-id': `gap-${i}` },
        });
      }
      const resumed = await openEventStream(withoutUpgrades.url, { token: ben.token, lastEventId: stream.lastEventId });
      await resumed.waitFor((m) => m.event_type === 'replay_complete', 'replay_complete through nginx');
      expect((resumed.messages.filter(isLoggedEvent) as LoggedServerMessage[]).map(titleOf)).toEqual([
        'gap 0',
        'gap 1',
        'gap 2',
        'gap 3',
        'gap 4',
      ]);
      resumed.close();
    });

    (twoInstances ? it : it.skip)('spreads clients over both instances upstream; each sees every change', async () => {
      const clients = await Promise.all(Array.from({ length: 6 }, () => connectAcked(withUpgrades.wsUrl, { token: ben.token })));
      sockets.push(...clients);
      const streams = await Promise.all(Array.from({ length: 4 }, () => openEventStream(withoutUpgrades.url, { token: ben.token })));
      const perInstance = await Promise.all(
        instances.map(async (instance) => {
          const metrics = String((await new Api(instance.url).request<string>('GET', '/metrics')).body);
          return Number(/^taskpulse_ws_connections (\d+)/m.exec(metrics)?.[1] ?? 0);
        }),
      );
      expect(perInstance.every((count) => count > 0)).toBe(true);

      const { items } = await api.allTasks(ada);
      await api.request('PATCH', `/api/tasks/${items[0].id}`, {
        token: ada.token,
        body: { title: 'to all' },
        headers: { 'x-mutation-id': 'to-all' },
      });
      await Promise.all(clients.map((client, i) => client.waitFor((m) => titleOf(m) === 'to all', `socket ${i}`)));
      await Promise.all(streams.map((stream, i) => stream.waitFor((m) => titleOf(m) === 'to all', `stream ${i}`)));
      for (const stream of streams) stream.close();
    });
  },
);
