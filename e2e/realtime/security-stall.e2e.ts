/**
 * One user cannot stall the server for everyone: a reconnect loop resuming from the start of a long history is
 * turned away after a few attempts (1013 with a retry hint), and another user's /health and live delivery stay fast.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, delay } from '../support/ws';
import { titleOf } from './helpers/events';

const HISTORY = 3000;
const ATTEMPTS_PER_USER = 10;
const LOOP_MS = 15_000;

/** What the reconnect loop saw (helpers/reconnect-loop.mjs). */
interface LoopStats {
  attempts: number;
  acknowledged: number;
  /** Closed or dropped without a connection_ack (refused, or held before the 1013 until the client gave up). */
  turnedAway: number;
  replayedEvents: number;
  closeCodes: Record<string, number>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('connection attempts: one user cannot stall everyone', () => {
  let server: RunningServer;
  let api: Api;
  let heavy: TestUser;
  let bystander: TestUser;

  beforeAll(async () => {
    server = await startServer({
      env: {
        WS_CONNECT_RATE_LIMIT: String(ATTEMPTS_PER_USER),
        WS_CONNECT_WINDOW: '10s',
      },
    });
    api = new Api(server.url);
    [heavy, bystander] = await Promise.all([api.register({ name: 'Heavy' }), api.register({ name: 'Bystander' })]);
    // A long history: HISTORY logged events for one user, made 16 at a time.
    const tasks = await Promise.all(Array.from({ length: 16 }, () => api.createTask(heavy)));
    let made = tasks.length;
    await Promise.all(
      tasks.map(async (task) => {
        while (made < HISTORY) {
          made += 1;
          const answer = await api.request('PATCH', `/api/tasks/${task.id}`, { token: heavy.token, body: { title: `v${made}` } });
          if (answer.status !== 200) throw new Error(`history PATCH: ${answer.status}`);
        }
      }),
    );
  }, 120_000);
  afterAll(() => server?.dispose());

  /** Runs the reconnect loop of the heavy user in a process of its own (so it does not slow the probes' event loop). */
  function reconnectLoop(clients: number, ms: number): Promise<LoopStats> {
    const args = [
      join(__dirname, 'helpers', 'reconnect-loop.mjs'),
      server.wsUrl,
      heavy.token,
      String(clients),
      String(ms),
      '300',
      '203.0.113.66',
    ];
    return new Promise((resolve, reject) => {
      execFile(process.execPath, args, { timeout: ms + 30_000 }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
    });
  }

  /** The server's event-loop lag p99 since the previous scrape (prom-client resets it at each scrape), and its CPU time so far. */
  async function serverFigures(): Promise<{ lagP99: number; cpuSeconds: number }> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
    return {
      lagP99: metric('taskpulse_nodejs_eventloop_lag_p99_seconds') * 1000,
      cpuSeconds: metric('taskpulse_process_cpu_seconds_total'),
    };
  }

  it(`keeps a bystander's /health and live delivery under 100 ms (p99) while ${HISTORY}-event resumes loop`, async () => {
    const bystanderHeaders = { 'x-forwarded-for': '203.0.113.7' };
    const live = await connectAcked(server.wsUrl, { token: bystander.token, headers: bystanderHeaders });
    const ownTask = await api.createTask(bystander, { title: 'bystander' });
    await live.waitFor((m) => titleOf(m) === 'bystander', 'the bystander task');
    let stats: LoopStats = { attempts: 0, acknowledged: 0, turnedAway: 0, replayedEvents: 0, closeCodes: {} };

    /** Probes /health every 50 ms and the bystander's own change → its event every 100 ms, for `ms`, with or without the loop. */
    async function measure(
      ms: number,
      attackers: number,
    ): Promise<{ health: number[]; delivery: number[]; lagP99: number; cpuShare: number }> {
      let running = true;
      const health: number[] = [];
      const delivery: number[] = [];
      const probeHealth = async () => {
        while (running) {
          const started = performance.now();
          await (await fetch(`${server.url}/health`)).text();
          health.push(performance.now() - started);
          await delay(50);
        }
      };
      const probeDelivery = async () => {
        for (let i = 0; running; i++) {
          const title = `live ${attackers}-${i}`;
          const started = performance.now();
          const answer = await api.request('PATCH', `/api/tasks/${ownTask.id}`, { token: bystander.token, body: { title } });
          expect(answer.status).toBe(200);
          await live.waitFor((m) => titleOf(m) === title, `the bystander's change ${title}`, 60_000);
          delivery.push(performance.now() - started);
          await delay(100);
        }
      };
      const before = await serverFigures();
      const stopped = delay(ms).then(() => (running = false));
      const loop = attackers > 0 ? reconnectLoop(attackers, ms) : Promise.resolve(null);
      await Promise.all([stopped, probeHealth(), probeDelivery()]);
      const looped = await loop;
      if (looped) stats = looped;
      const after = await serverFigures();
      return { health, delivery, lagP99: after.lagP99, cpuShare: (after.cpuSeconds - before.cpuSeconds) / (ms / 1000) };
    }

    // The machine is shared: when the bystander's figures are over the target even without the loop, nothing can be
    // measured at that moment, and the pair is measured again (at most 3 times); the target itself never moves.
    const quiet = (figures: { health: number[]; delivery: number[] }) =>
      percentile(figures.health, 99) < 100 && percentile(figures.delivery, 99) < 100;
    let baseline = await measure(4000, 0);
    for (let attempt = 1; attempt < 3 && !quiet(baseline); attempt++) {
      console.log(`the machine is busy (baseline /health p99 ${percentile(baseline.health, 99).toFixed(1)} ms): measuring again`);
      await delay(2000);
      baseline = await measure(4000, 0);
    }
    const loop = await measure(LOOP_MS, 4);
    const afterLoop: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await (await fetch(`${server.url}/health`)).text();
      afterLoop.push(performance.now() - started);
    }
    live.close();

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const line = (values: number[]) =>
      `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))} (n=${values.length})`;
    console.log(
      `stall loop (${LOOP_MS / 1000} s, 4 clients, since=0 over ${HISTORY} events, drop after 300 ms): ${stats.attempts} attempts, ` +
        `${stats.acknowledged} acknowledged, ${stats.turnedAway} turned away, ${stats.replayedEvents} events replayed, close codes ${JSON.stringify(stats.closeCodes)}\n` +
        `bystander /health: baseline ${line(baseline.health)}; under the loop ${line(loop.health)}\n` +
        `bystander live delivery (request start → event): baseline ${line(baseline.delivery)}; under the loop ${line(loop.delivery)}\n` +
        `server event-loop lag p99: baseline ${ms(baseline.lagP99)}, under the loop ${ms(loop.lagP99)}; server CPU: baseline ` +
        `${(baseline.cpuShare * 100).toFixed(0)}% of a core, under the loop ${(loop.cpuShare * 100).toFixed(0)}%; /health after the loop: max ${ms(Math.max(...afterLoop))}`,
    );

    expect(stats.acknowledged).toBeLessThanOrEqual(ATTEMPTS_PER_USER * Math.ceil(LOOP_MS / 10_000 + 1));
    expect(stats.turnedAway).toBeGreaterThan(stats.attempts / 2);
    expect(percentile(loop.health, 99)).toBeLessThan(100);
    expect(percentile(loop.delivery, 99)).toBeLessThan(100);
    expect(Math.max(...afterLoop)).toBeLessThan(100);
  }, 120_000);
});
