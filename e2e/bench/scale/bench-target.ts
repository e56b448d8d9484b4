// A server under test on a database of its own (SQLite or PostgreSQL) whose data the bench may change behind its
// back: stop it, write the rows, start it again on the same port and data, so nothing it keeps in memory is stale.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Api } from '../../support/api';
import { createPostgresDatabase, postgresAdminUrl } from '@taskpulse/test-support';
import { type RunningServer, startServer } from '../../support/server';
import { openSink, type SeedSink } from './seed-sink';

export type DatabaseKind = 'sqlite' | 'postgres';
export const databaseLabel: Record<DatabaseKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

let postgresAnswer: Promise<string | null> | null = null;

/** Why PostgreSQL cannot be used (null when it answers). Asked once per run. */
function postgresProblem(): Promise<string | null> {
  postgresAnswer ??= (async () => {
    const client = new Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return error instanceof Error ? error.message || error.name : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresAnswer;
}

let skipNoted = false;

/**
 * SQLite always; PostgreSQL when it answers (under CI=true a silent PostgreSQL fails the run instead).
 * BENCH_DATABASES=sqlite or =postgres narrows the choice.
 */
export async function benchDatabases(): Promise<DatabaseKind[]> {
  const wanted = (process.env.BENCH_DATABASES || 'sqlite,postgres').split(',');
  if (!wanted.includes('postgres')) return ['sqlite'];
  const problem = await postgresProblem();
  if (!wanted.includes('sqlite')) {
    if (problem) throw new Error(`BENCH_DATABASES=postgres, but PostgreSQL does not answer at ${postgresAdminUrl} (${problem})`);
    return ['postgres'];
  }
  if (!problem) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') throw new Error(`PostgreSQL does not answer at ${postgresAdminUrl} (${problem}), and CI=true requires it`);
  if (!skipNoted)
    console.log(`\nPostgreSQL: skipped, no answer at ${postgresAdminUrl} (${problem}); set TEST_POSTGRES_URL to use another.`);
  skipNoted = true;
  return ['sqlite'];
}

/** Other processes share the cores with the bench: say how busy the machine was, next to each phase's figures. */
export const machineLoad = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on this machine`;

export class BenchTarget {
  private constructor(
    readonly kind: DatabaseKind,
    private current: RunningServer,
    private readonly dataDir: string,
    readonly databaseUrl: string,
    private readonly drop: () => Promise<void>,
  ) {}

  static async open(kind: DatabaseKind): Promise<BenchTarget> {
    const dataDir = mkdtempSync(join(tmpdir(), 'taskpulse-bench-'));
    const database =
      kind === 'postgres'
        ? await createPostgresDatabase('taskpulse_bench')
        : { url: `sqlite:${join(dataDir, 'taskpulse.sqlite')}`, drop: async () => undefined };
    try {
      const server = await startServer(BenchTarget.options(dataDir, database.url));
      return new BenchTarget(kind, server, dataDir, database.url, database.drop);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
      throw error;
    }
  }

  private static options(dataDir: string, databaseUrl: string, port?: number) {
    return {
      dataDir,
      databaseUrl,
      port,
      env: { LOG_LEVEL: 'error' },
      // BENCH_SERVER_FLAGS: extra node flags for the server under test, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      execArgv: (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
    };
  }

  get label(): string {
    return databaseLabel[this.kind];
  }

  get server(): RunningServer {
    return this.current;
  }

  get api(): Api {
    return new Api(this.current.url);
  }

  /** Stops the server, lets `work` write rows, and starts it again on the same port and data. */
  async alter<T>(work: (sink: SeedSink) => Promise<T>): Promise<T> {
    await this.current.stop();
    const sink = await openSink(
      this.kind === 'sqlite'
        ? { kind: 'sqlite', file: this.databaseUrl.slice('sqlite:'.length) }
        : { kind: 'postgres', url: this.databaseUrl },
    );
    let outcome: T;
    try {
      outcome = await work(sink);
    } finally {
      await sink.close();
    }
    this.current = await startServer(BenchTarget.options(this.dataDir, this.databaseUrl, this.current.port));
    return outcome;
  }

  async dispose(): Promise<void> {
    await this.current.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.drop();
  }
}
