// `npm run bench`: TaskPulse's realtime delivery against a bare `ws` server doing the same work on the same
// machine in the same run, then the scale phases (scale/). Prints figures and ratios against the targets (README.md, "Benchmarks").
import { ChildProcess, fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { freePort, type RunningServer, startServer } from '../support/server';
import { ClientSwarm, type MemorySample, percentile, probeMemory } from './clients';
import { inPool } from './in-pool';
import { fmt, printTable, report } from './report';
import { runScalePhases, scalePhases } from './scale/scale-phases';

const USERS = 10;
const SOCKETS_PER_USER = 100;
const BURST_EVENTS = 100;
const PACED_EVENTS = 200;
const PACE_MS = 50;
const IDLE_CONNECTIONS = 2000;
const MISSED_EVENTS = 1000;

/** BENCH_PHASES=fanout,latency,memory,resume,scale,writes,team runs only those phases (all by default). */
const realtimePhases = ['memory', 'fanout', 'latency', 'resume'];
const phases = new Set((process.env.BENCH_PHASES || [...realtimePhases, ...scalePhases].join(',')).split(','));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const probeScript = join(__dirname, '..', '..', '..', 'bench', 'memory-probe.cjs');
const probeArgs = ['--expose-gc', '-r', probeScript];
const probeFile = (name: string) => join(tmpdir(), `taskpulse-bench-${process.pid}-${name}.json`);
const retained = (before: MemorySample, after: MemorySample, count: number) =>
  (after.heapUsed + after.external - before.heapUsed - before.external) / count;

async function startBare(): Promise<{ child: ChildProcess; url: string; command: (c: object) => Promise<void> }> {
  const port = await freePort();
  const child = fork(join(__dirname, '..', '..', '..', 'bench', 'bare-ws-server.mjs'), [], {
    env: { ...process.env, PORT: String(port), MEMORY_PROBE_FILE: probeFile('bare') },
    execArgv: probeArgs,
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  const command = (c: object) =>
    new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send(c);
    });
  return { child, url: `ws://127.0.0.1:${port}`, command };
}

/** What every phase works with: the server under test, the baseline, and a team whose task everyone sees. */
interface Bench {
  server: RunningServer;
  bare: Awaited<ReturnType<typeof startBare>>;
  api: Api;
  users: TestUser[];
  task: TaskDto;
  patch: (title: string, mutationId: string) => Promise<unknown>;
}

/** Observers: SOCKETS_PER_USER sockets of each user on TaskPulse, and as many on the bare server. */
interface Observers {
  ours: ClientSwarm;
  baseline: ClientSwarm;
  count: number;
  /** Bytes of one TaskPulse event, so the baseline sends messages of the same size. */
  size: number;
}

const socketUrls = (bench: Bench, perUser: number) =>
  bench.users.flatMap((u) => Array.from({ length: perUser }, () => `${bench.server.wsUrl}?token=${u.token}`));

/** Retained heap per idle connection, after GC, on processes that have not yet held other sockets. */
async function measureMemory(bench: Bench): Promise<void> {
  const { server, bare } = bench;
  console.log('\nMemory: idle connections');
  const oursBefore = await probeMemory(server.process.pid!, probeFile('taskpulse'));
  const idle = new ClientSwarm();
  await idle.open(socketUrls(bench, IDLE_CONNECTIONS / USERS));
  const oursPer = retained(oursBefore, await probeMemory(server.process.pid!, probeFile('taskpulse')), idle.sockets.length);
  idle.close();
  const bareBefore = await probeMemory(bare.child.pid!, probeFile('bare'));
  const idleBare = new ClientSwarm();
  await idleBare.openBare(bare.url, IDLE_CONNECTIONS);
  const barePer = retained(bareBefore, await probeMemory(bare.child.pid!, probeFile('bare')), idleBare.sockets.length);
  idleBare.close();
  report(
    'heap retained per idle connection (KB)',
    fmt(oursPer / 1024),
    fmt(barePer / 1024),
    fmt(oursPer / barePer, 2),
    '≤ 1.50',
    oursPer / barePer <= 1.5,
  );
}

async function openObservers(bench: Bench): Promise<Observers> {
  const ours = new ClientSwarm();
  await ours.open(socketUrls(bench, SOCKETS_PER_USER));
  const baseline = new ClientSwarm();
  await baseline.openBare(bench.bare.url, ours.sockets.length);
  await bench.patch('warm-up', 'warm-up');
  await ours.waitForTotal(ours.sockets.length, 10_000, 'the warm-up event');
  const sample = JSON.stringify({
    event_type: 'task_updated',
    timestamp: new Date().toISOString(),
    seq: 1,
    data: { task: { ...bench.task, permission: 'team' } },
  });
  return { ours, baseline, count: ours.sockets.length, size: sample.length + 60 };
}

/** Deliveries per second for a burst: TaskPulse from the first request, the baseline from the first send. */
async function measureFanout(bench: Bench, observers: Observers): Promise<void> {
  console.log('\nFan-out: a burst of events to every observer');
  const { ours, baseline, count, size } = observers;
  ours.reset();
  let started = performance.now();
  await inPool(
    Array.from({ length: BURST_EVENTS }, (_, i) => i),
    16,
    (i) => bench.patch(`burst ${i}`, `burst-${i}`),
  );
  await ours.waitForTotal(BURST_EVENTS * count, 60_000, 'the burst');
  const oursRate = (BURST_EVENTS * count) / ((performance.now() - started) / 1000);
  baseline.reset();
  started = performance.now();
  await bench.bare.command({ cmd: 'burst', count: BURST_EVENTS, size });
  await baseline.waitForTotal(BURST_EVENTS * count, 60_000, 'the baseline burst');
  const bareRate = (BURST_EVENTS * count) / ((performance.now() - started) / 1000);
  report('deliveries/s', fmt(oursRate, 0), fmt(bareRate, 0), fmt(oursRate / bareRate, 2), '≥ 0.90', oursRate / bareRate >= 0.9);
}

/** For a paced stream: per event, the time until its last observer has it. */
async function measureLatency(bench: Bench, observers: Observers): Promise<void> {
  console.log('\nLatency: a paced stream, time to the last observer');
  const { ours, baseline, count, size } = observers;
  ours.reset();
  ours.timing = true;
  const requestStart = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < PACED_EVENTS; i++) {
    const id = `paced-${i}`;
    requestStart.set(id, performance.timeOrigin + performance.now());
    // The title names the change: observers other than the actor get no mutation id.
    pending.push(bench.patch(id, id));
    await sleep(PACE_MS);
  }
  await Promise.all(pending);
  await ours.waitForTotal(PACED_EVENTS * count, 30_000, 'the paced stream');
  const commitToLast = [...ours.lastArrival].map(([seq, at]) => at - ours.sentAt.get(seq)!);
  const requestToLast = [...ours.lastArrival].map(([seq, at]) => at - requestStart.get(ours.mutationOf.get(seq)!)!);
  baseline.reset();
  baseline.timing = true;
  await bench.bare.command({ cmd: 'paced', count: PACED_EVENTS, intervalMs: PACE_MS, size });
  await baseline.waitForTotal(PACED_EVENTS * count, 30_000, 'the baseline paced stream');
  const bareLatency = [...baseline.lastArrival].map(([seq, at]) => at - baseline.sentAt.get(seq)!);
  const ourP99 = percentile(commitToLast, 99);
  const bareP99 = percentile(bareLatency, 99);
  report('p99 commit → last observer (ms)', fmt(ourP99), fmt(bareP99), fmt(ourP99 / bareP99, 2), '≤ 1.20', ourP99 / bareP99 <= 1.2);
  report('p50 commit → last observer (ms)', fmt(percentile(commitToLast, 50)), fmt(percentile(bareLatency, 50)), '', '', null);
  const requestP99 = percentile(requestToLast, 99);
  report('p99 request start → last observer (ms)', fmt(requestP99), '', '', '< 25 ms', requestP99 < 25);
}

/** A client that missed MISSED_EVENTS events reconnects with since: time until replay_complete. */
async function measureResume({ server, api }: Bench): Promise<void> {
  console.log('\nResume: catching up after missing events');
  const sleeper = await api.register();
  const resumeFrom = (await api.allTasks(sleeper)).seq;
  await inPool(
    Array.from({ length: MISSED_EVENTS }, (_, i) => i),
    16,
    (i) => api.createTask(sleeper, { title: `missed ${i}` }),
  );
  const started = performance.now();
  const caughtUp = await new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}?token=${sleeper.token}&since=${resumeFrom}`);
    let events = 0;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.event_type === 'task_created') events += 1;
      if (message.event_type !== 'replay_complete') return;
      const elapsed = performance.now() - started;
      socket.terminate();
      if (events === MISSED_EVENTS) resolve(elapsed);
      else reject(new Error(`replayed ${events} of ${MISSED_EVENTS}`));
    });
    socket.once('error', reject);
  });
  report(`resume of ${MISSED_EVENTS} events (ms)`, fmt(caughtUp), '', '', '≤ 250 ms', caughtUp <= 250);
}

async function main(): Promise<void> {
  if (realtimePhases.some((phase) => phases.has(phase))) await runRealtimePhases();
  await runScalePhases(phases);
  printTable();
}

async function runRealtimePhases(): Promise<void> {
  console.log(
    `TaskPulse bench on ${process.version}: ${USERS * SOCKETS_PER_USER} observers, ${BURST_EVENTS}-event burst, ${PACED_EVENTS} paced events, ${IDLE_CONNECTIONS} idle connections, resume of ${MISSED_EVENTS} events`,
  );
  const server = await startServer({
    env: {
      WS_MAX_CONNECTIONS_PER_USER: String(IDLE_CONNECTIONS),
      LOG_LEVEL: 'error',
      WS_MESSAGES_PER_SECOND: '1000',
      NODE_OPTIONS: `--expose-gc -r ${probeScript}`,
      MEMORY_PROBE_FILE: probeFile('taskpulse'),
    },
    // BENCH_SERVER_FLAGS: extra node flags for the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    execArgv: (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
  });
  const bare = await startBare();
  const api = new Api(server.url);
  try {
    const users: TestUser[] = [];
    for (let i = 0; i < USERS; i++) users.push(await api.register());
    const team = await api.createTeam(users[0]);
    for (const member of users.slice(1)) await api.addMember(users[0], team.id, member);
    const task = await api.createTask(users[0], { teamId: team.id, description: 'A task every observer sees, edited by the bench.' });
    const patch = (title: string, mutationId: string) =>
      api.request('PATCH', `/api/tasks/${task.id}`, { token: users[0].token, body: { title }, headers: { 'x-mutation-id': mutationId } });
    const bench: Bench = { server, bare, api, users, task, patch };

    if (phases.has('memory')) await measureMemory(bench);
    if (phases.has('fanout') || phases.has('latency')) {
      const observers = await openObservers(bench);
      if (phases.has('fanout')) await measureFanout(bench, observers);
      if (phases.has('latency')) await measureLatency(bench, observers);
      observers.ours.close();
      observers.baseline.close();
    }
    if (phases.has('resume')) await measureResume(bench);
  } finally {
    bare.child.kill();
    await server.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
