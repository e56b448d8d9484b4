// Phase "scale": does a user's cost follow their own data? One user's list, search and dashboard with 1,000 and
// then 1,000,000 tasks of other people in the database, and the event-loop lag while 20 clients load the dashboard.
import { seededRandom } from '../../support/prng';
import { fmt, report } from '../report';
import { BenchTarget, type DatabaseKind, machineLoad } from './bench-target';
import { type ForeignPeople, type ForeignTasks, seedPeople, seedTasks } from './foreign-data';
import { call, closedLoop, eventLoopLagP99, expectStatus, sleep, type Timing, timeSequential } from './load';
import { ageMeasuredTasks, createMeasuredUser, type MeasuredUser } from './measured-user';
import { searchWord } from './vocabulary';

const FOREIGN_USERS = 10_000;
const FOREIGN_TEAMS = 1_000;
const SMALL = 1_000;
/** BENCH_SCALE_TASKS: the larger count of foreign tasks (1,000,000 by default; less for a quick look). */
const LARGE = Number(process.env.BENCH_SCALE_TASKS || 1_000_000);
const SAMPLES = 30;
const LAG_CLIENTS = 20;
const LAG_MS = 10_000;
const SEED = 20_261_201;

export const short = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

interface Reads {
  list: Timing;
  search: Timing;
  dashboard: Timing;
}

/** Times the three reads, checking each answer holds exactly what the user may see. */
async function measureReads(target: BenchTarget, measured: MeasuredUser): Promise<Reads> {
  const { url } = target.server;
  const { token } = measured.user;
  const list = await timeSequential(SAMPLES, async () => {
    const { body } = expectStatus(await call(`${url}/api/tasks?limit=50`, { token }), 200, 'list');
    if (body.items.length !== 50 || body.items.some((t: { id: string }) => !measured.visible.has(t.id))) {
      throw new Error(`the list holds ${body.items.length} tasks, not 50 of the measured user's`);
    }
  });
  const search = await timeSequential(SAMPLES, async () => {
    const { body } = expectStatus(await call(`${url}/api/tasks?q=${searchWord}&limit=50`, { token }), 200, 'search');
    const expected = Math.min(50, measured.withWord.size);
    if (body.items.length !== expected || body.items.some((t: { id: string }) => !measured.withWord.has(t.id))) {
      throw new Error(`the search found ${body.items.length} tasks, not the ${expected} of the measured user's with "${searchWord}"`);
    }
  });
  const dashboard = await timeSequential(SAMPLES, async () => {
    const { body } = expectStatus(await call(`${url}/api/dashboard/stats`, { token }), 200, 'dashboard');
    if (body.total !== measured.visible.size) throw new Error(`the dashboard counts ${body.total} tasks, not ${measured.visible.size}`);
  });
  return { list, search, dashboard };
}

function reportReads(label: string, small: Reads, large: Reads): void {
  const reads: Array<[keyof Reads, string]> = [
    ['list', 'GET /api/tasks?limit=50'],
    ['search', `GET /api/tasks?q=${searchWord}&limit=50`],
    ['dashboard', 'GET /api/dashboard/stats'],
  ];
  for (const [read, name] of reads) {
    for (const p of ['p50', 'p95'] as const) {
      const ratio = large[read][p] / small[read][p];
      const metric = `${label} ${name} ${p}, ${short(LARGE)} vs ${short(SMALL)} foreign tasks (ms)`;
      report(metric, fmt(large[read][p]), fmt(small[read][p]), fmt(ratio, 2), p === 'p50' ? '≤ 2.00' : '', p === 'p50' ? ratio <= 2 : null);
    }
  }
}

/** Event-loop lag p99 while LAG_CLIENTS load the dashboard, against the same server idle just before. */
async function measureLag(label: string, target: BenchTarget, measured: MeasuredUser): Promise<void> {
  const { url } = target.server;
  await eventLoopLagP99(url);
  await sleep(3000);
  const idle = await eventLoopLagP99(url);
  const load = await closedLoop(
    LAG_CLIENTS,
    LAG_MS,
    async () => (await call(`${url}/api/dashboard/stats`, { token: measured.user.token })).status === 200,
  );
  const busy = await eventLoopLagP99(url);
  report(
    `${label} event-loop lag p99, ${LAG_CLIENTS} clients on the dashboard at ${short(LARGE)} (ms; baseline: idle)`,
    fmt(busy),
    fmt(idle),
    '',
    '≤ 20 ms',
    busy <= 20,
  );
  report(`${label} dashboard requests/s, ${LAG_CLIENTS} clients at ${short(LARGE)}`, fmt(load.ok / load.seconds), '', '', '', null);
  if (load.failed > 0) {
    report(`${label} dashboard requests failed under load`, String(load.failed), '', '', '0', false);
    console.log(`  first failure: ${load.firstFailure}`);
  }
}

const describeForeign = (people: ForeignPeople, tasks: ForeignTasks, seconds: number) =>
  `${people.userIds.length.toLocaleString('en-US')} users, ${people.teams.length.toLocaleString('en-US')} teams ` +
  `(${people.memberships.toLocaleString('en-US')} memberships), ${tasks.tasks.toLocaleString('en-US')} tasks ` +
  `(${fmt((100 * tasks.inTeams) / tasks.tasks)}% in teams, ${tasks.shares.toLocaleString('en-US')} shares, ` +
  `"${searchWord}" in ${fmt((100 * tasks.withWord) / tasks.tasks)}%), seeded and the server restarted in ${fmt(seconds)} s`;

export async function measureDataScale(kind: DatabaseKind): Promise<void> {
  const target = await BenchTarget.open(kind);
  const { label } = target;
  console.log(`\nData scale on ${label}: one user's reads with ${short(SMALL)}, then ${short(LARGE)} foreign tasks (${machineLoad()})`);
  try {
    const random = seededRandom(SEED);
    const measured = await createMeasuredUser(target.api, random);
    console.log(`  data: ${measured.summary} (all through the API, then aged over the past year)`);
    let started = performance.now();
    const { people, tasks } = await target.alter(async (sink) => {
      await ageMeasuredTasks(sink, measured, random);
      const people = await seedPeople(sink, random, FOREIGN_USERS, FOREIGN_TEAMS);
      return { people, tasks: await seedTasks(sink, people, random, SMALL) };
    });
    console.log(`  data: foreign ${describeForeign(people, tasks, (performance.now() - started) / 1000)}`);
    const small = await measureReads(target, measured);
    started = performance.now();
    const more = await target.alter((sink) => seedTasks(sink, people, random, LARGE - SMALL));
    const all: ForeignTasks = {
      tasks: tasks.tasks + more.tasks,
      inTeams: tasks.inTeams + more.inTeams,
      shares: tasks.shares + more.shares,
      withWord: tasks.withWord + more.withWord,
    };
    console.log(`  data: foreign grown to ${describeForeign(people, all, (performance.now() - started) / 1000)}`);
    const large = await measureReads(target, measured);
    reportReads(label, small, large);
    await measureLag(label, target, measured);
    console.log(`  (${machineLoad()})`);
  } finally {
    await target.dispose();
  }
}
