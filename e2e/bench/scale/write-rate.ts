// Phase "writes": committed changes per second with 16 writers, each PATCHing the title of its own task with one
// request in flight, against the floors of the same machine in the same run: a bare node:http server doing one logged
// write per request with the same load generator (better-sqlite3; pg on PostgreSQL), and pgbench's simple-update.
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresDatabase } from '@taskpulse/test-support';
import { freePort, stopProcess } from '../../support/server';
import { fmt, report } from '../report';
import { BenchTarget, type DatabaseKind, machineLoad } from './bench-target';
import { call, closedLoop, expectStatus } from './load';

const WRITERS = 16;
const WRITE_MS = 10_000;
const run = promisify(execFile);

/**
 * Changes/s of the bare write server, on SQLite or on a scratch PostgreSQL database; the committed count is read back
 * from its head counter.
 */
async function bareFloor(kind: DatabaseKind): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-bench-bare-'));
  const scratch = kind === 'postgres' ? await createPostgresDatabase('taskpulse_bench') : null;
  const port = await freePort();
  const child = fork(join(__dirname, '..', '..', '..', '..', 'bench', 'bare-write-server.mjs'), [], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ROWS: String(WRITERS),
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the bare write server exited with ${code}`)));
    });
    const patch = (writer: number, n: number) =>
      call(`http://127.0.0.1:${port}/rows/${writer + 1}`, { method: 'PATCH', body: { title: `writer ${writer} change ${n}` } });
    for (let writer = 0; writer < WRITERS; writer++) expectStatus(await patch(writer, -1), 200, 'bare warm-up');
    const load = await closedLoop(WRITERS, WRITE_MS, async (writer, n) => (await patch(writer, n)).status === 200);
    const head = await new Promise<number>((resolve) => {
      child.once('message', (message: { seq: number }) => resolve(message.seq));
      child.send({ cmd: 'head' });
    });
    if (load.failed > 0) console.log(`  ${load.failed} bare PATCHes failed, first: ${load.firstFailure}`);
    else if (head - WRITERS !== load.ok) throw new Error(`the bare server committed ${head - WRITERS} changes, its clients saw ${load.ok}`);
    return (head - WRITERS) / load.seconds;
  } finally {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}

/**
 * TaskPulse's changes/s; the committed count is read back through the API from each task's version. `after` runs on
 * the database TaskPulse wrote to, with the server still up, before it is dropped.
 */
async function taskPulseRate(kind: DatabaseKind, after?: (databaseUrl: string) => Promise<void>): Promise<number> {
  const target = await BenchTarget.open(kind);
  try {
    const { api, server } = target;
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => api.register()));
    const tasks = await Promise.all(writers.map((writer) => api.createTask(writer, { title: 'written by the bench' })));
    const patch = (writer: number, n: number) =>
      call(`${server.url}/api/tasks/${tasks[writer].id}`, {
        method: 'PATCH',
        token: writers[writer].token,
        body: { title: `writer ${writer} change ${n}` },
      });
    for (let writer = 0; writer < WRITERS; writer++) expectStatus(await patch(writer, -1), 200, 'warm-up');
    const load = await closedLoop(WRITERS, WRITE_MS, async (writer, n) => (await patch(writer, n)).status === 200);
    let committed = 0;
    for (let writer = 0; writer < WRITERS; writer++) {
      const { body } = expectStatus(
        await call(`${server.url}/api/tasks/${tasks[writer].id}`, { token: writers[writer].token }),
        200,
        'read back',
      );
      committed += body.version - 2;
    }
    if (load.failed > 0) console.log(`  ${load.failed} TaskPulse PATCHes failed, first: ${load.firstFailure}`);
    else if (committed !== load.ok) throw new Error(`${committed} changes committed, the writers saw ${load.ok}`);
    await after?.(target.databaseUrl);
    return committed / load.seconds;
  } finally {
    await target.dispose();
  }
}

/** pgbench's tps with the same client count and duration as the writers, for `script` (a built-in with `-b`). */
async function pgbench(url: string, script: string[]): Promise<number> {
  const { stdout } = await run('pgbench', ['-n', ...script, '-c', String(WRITERS), '-j', '2', '-T', String(WRITE_MS / 1000), url]);
  const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(stdout);
  if (!tps) throw new Error(`no tps in pgbench's output:\n${stdout}`);
  return Number(tps[1]);
}

/** pgbench's simple-update tps with the same client count, on a scratch database it initialises and we drop. */
async function pgbenchTps(): Promise<number> {
  const scratch = await createPostgresDatabase('taskpulse_bench');
  try {
    await run('pgbench', ['-i', '-s', '16', '-q', scratch.url]);
    return await pgbench(scratch.url, ['-b', 'simple-update']);
  } finally {
    await scratch.drop();
  }
}

/** TaskPulse's own PATCH transaction, statement for statement, run by pgbench on the writers' tasks. */
const PATCH_TRANSACTION = join(__dirname, '..', '..', '..', '..', 'bench', 'scale', 'patch-transaction.pgbench.sql');

export async function measureWriteRates(databases: DatabaseKind[]): Promise<void> {
  console.log(`\nWrite rate: ${WRITERS} writers, one request in flight each, ${WRITE_MS / 1000} s per run (${machineLoad()})`);
  console.log(
    `  data: ${WRITERS} users on a fresh database, each PATCHing the title of its own task; bare floor: ${WRITERS} rows, ` +
      "the same load generator (SQLite; PostgreSQL: a pool of 10, BEGIN, three statements, COMMIT); pgbench: scale 16, simple-update, -c 16 -j 2, then patch-transaction.pgbench.sql on the writers' tasks (PostgreSQL only)",
  );
  if (databases.includes('sqlite')) {
    const floor = await bareFloor('sqlite');
    const sqlite = await taskPulseRate('sqlite');
    report(
      'SQLite committed changes/s, 16 writers (baseline: bare node:http + better-sqlite3)',
      fmt(sqlite, 0),
      fmt(floor, 0),
      fmt(sqlite / floor, 2),
      '≥ 0.50',
      sqlite / floor >= 0.5,
    );
  }
  if (databases.includes('postgres')) {
    const tps = await pgbenchTps();
    const floor = await bareFloor('postgres');
    let alone = 0;
    const postgres = await taskPulseRate('postgres', async (url) => {
      alone = await pgbench(url, ['-f', PATCH_TRANSACTION]);
    });
    report(
      'PostgreSQL committed changes/s, 16 writers (baseline: pgbench simple-update tps)',
      fmt(postgres, 0),
      fmt(tps, 0),
      fmt(postgres / tps, 2),
      '≥ 0.40',
      postgres / tps >= 0.4,
    );
    report(
      'PostgreSQL committed changes/s, 16 writers (baseline: bare node:http + pg)',
      fmt(postgres, 0),
      fmt(floor, 0),
      fmt(postgres / floor, 2),
      '≥ 0.50',
      postgres / floor >= 0.5,
    );
    report(
      "PostgreSQL committed changes/s, 16 writers (baseline: pgbench running TaskPulse's PATCH transaction)",
      fmt(postgres, 0),
      fmt(alone, 0),
      fmt(postgres / alone, 2),
      '',
      null,
    );
  }
  console.log(`  (${machineLoad()})`);
}
