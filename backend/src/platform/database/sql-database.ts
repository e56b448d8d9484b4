import BetterSqlite3 from 'better-sqlite3';
import { Pool, type PoolClient } from 'pg';
import { compileSql, type Dialect, inlineSql, type SqlParams } from './sql-params';
import { SqliteReadPool } from './sqlite-read-pool';

export type { Dialect, SqlParams };
export type Row = Record<string, unknown>;

export interface Statement {
  sql: string;
  params?: SqlParams;
}

/** Runs SQL with `:name` parameters inside the current transaction. */
export interface Sql {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  /**
   * ` FOR UPDATE [OF alias]` / ` FOR SHARE …` on PostgreSQL; nothing on SQLite, whose single writer already
   * excludes every other writer.
   */
  lock(mode: 'update' | 'share', alias?: string): string;
  /**
   * Runs the transaction's last statement with the commit right behind it. On PostgreSQL both go out at once, so
   * the locks the statement takes (the event-log head) are held until the database has committed, never while
   * this process is busy with other requests. Nothing may run in the transaction after it.
   */
  finish<T = Row>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** Anything that runs a statement: a transaction (`Sql`) or the database itself, for a read outside one. */
export type Queryable = Pick<Sql, 'query'>;

/**
 * The one door to the database for every repository (TypeORM keeps the schema and migrations).
 * - `write`: one transaction. SQLite has a single writer connection, so writes take turns; PostgreSQL runs them
 *   concurrently in READ COMMITTED, each locking the rows it is about.
 * - `read`: independent statements answered from one committed snapshot, so data and the log head it was read at
 *   belong to the same moment. On SQLite they run on worker threads beside the writer (WAL), never on the event loop.
 */
export abstract class SqlDatabase {
  abstract readonly dialect: Dialect;
  abstract write<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  abstract read(statements: readonly Statement[]): Promise<Row[][]>;
  abstract close(): Promise<void>;

  async query<T = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    const [rows] = await this.read([{ sql, params }]);
    return rows as T[];
  }
}

/** Serialises async critical sections without blocking the event loop. */
class Turns {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const noLock = () => '';

export class SqliteDatabase extends SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly writer: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly turns = new Turns();
  /** Null for an in-memory database, which no other connection can open: reads then take turns with writes. */
  private readonly readers: SqliteReadPool | null;

  constructor(file: string, readWorkers: number) {
    super();
    this.writer = new BetterSqlite3(file);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('busy_timeout = 5000');
    this.readers = file === ':memory:' || readWorkers === 0 ? null : new SqliteReadPool(file, readWorkers);
  }

  write<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.turns.run(async () => {
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.tx);
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async read(statements: readonly Statement[]): Promise<Row[][]> {
    const compiled = statements.map((s) => compileSql(s.sql, s.params ?? {}, 'sqlite'));
    if (this.readers) return (await this.readers.run(compiled)) as Row[][];
    return this.turns.run(async () => compiled.map((s) => this.prepare(s.text).all(s.values) as Row[]));
  }

  async close(): Promise<void> {
    await this.readers?.close();
    this.writer.close();
  }

  private run<T>(sql: string, params: SqlParams = {}): T[] {
    const { text, values } = compileSql(sql, params, 'sqlite');
    const statement = this.prepare(text);
    if (statement.reader) return statement.all(values) as T[];
    statement.run(values);
    return [];
  }

  // The writer is this process's alone and its statements are synchronous: the commit follows in the same turn.
  private readonly tx: Sql = {
    dialect: 'sqlite',
    lock: noLock,
    query: async <T>(sql: string, params?: SqlParams) => this.run<T>(sql, params),
    finish: async <T>(sql: string, params?: SqlParams) => this.run<T>(sql, params),
  };

  private prepare(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.writer.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

const locks = { update: ' FOR UPDATE', share: ' FOR SHARE' } as const;
const MAX_ATTEMPTS = 3;
const postgresLock = (mode: 'update' | 'share', alias?: string) => (alias ? `${locks[mode]} OF ${alias}` : locks[mode]);

/** A PostgreSQL literal for a parameter value, escaped by the driver. */
function literal(client: PoolClient, value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return client.escapeLiteral(value);
  return client.escapeLiteral(JSON.stringify(value));
}

/**
 * A transaction on one pooled client. `finish` sets `committed` and `durable: false`: its commit did not wait for
 * the disk, and the caller must flush the log (`flushed`) before anyone is told.
 */
function postgresSql(client: PoolClient): Sql & { committed: boolean; durable: boolean } {
  const tx = {
    dialect: 'postgres' as const,
    committed: false,
    durable: true,
    lock: postgresLock,
    query: async <T>(sql: string, params: SqlParams = {}) => {
      if (tx.committed) throw new Error('the transaction has already been committed');
      const { text, values } = compileSql(sql, params, 'postgres');
      return (await client.query(text, values)).rows as T[];
    },
    finish: async <T>(sql: string, params: SqlParams = {}) => {
      if (tx.committed) throw new Error('the transaction has already been committed');
      // One message: the statement and the commit run back to back inside the server, so the locks the statement
      // takes (the log head) are never held while a reply travels or this process is busy. The commit does not
      // wait for the disk while it holds them; `flushed` waits afterwards, beside every other writer's flush.
      const text = `SET LOCAL synchronous_commit TO OFF; ${inlineSql(sql, params, (value) => literal(client, value))}; COMMIT`;
      tx.committed = true;
      tx.durable = false;
      const results = (await client.query(text)) as unknown as Array<{ rows: T[] }>;
      return results[1].rows;
    },
  };
  return tx;
}

/**
 * Waits until the write-ahead log is on disk up to here, so a commit made without waiting is as durable as any:
 * a transactional message makes a tiny commit record after ours, and a synchronous commit flushes the log up to it.
 * Concurrent writers' flushes go to disk together (group commit), none of them holding the log head meanwhile.
 */
async function flushed(client: PoolClient): Promise<void> {
  await client.query("SELECT pg_logical_emit_message(true, 'taskpulse', 'durable')");
}

export class PostgresDatabase extends SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;

  constructor(url: string, poolSize: number) {
    super();
    this.pool = new Pool({ connectionString: url, max: poolSize });
    // An idle client's connection can drop (a restart of the server); the pool replaces it on next use.
    this.pool.on('error', () => undefined);
  }

  /** A transaction that lost a deadlock (or a serialization conflict) did nothing: it runs again, whole. */
  async write<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inTransaction('BEGIN', work);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= MAX_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  async read(statements: readonly Statement[]): Promise<Row[][]> {
    if (statements.length === 1) {
      const { text, values } = compileSql(statements[0].sql, statements[0].params ?? {}, 'postgres');
      return [(await this.pool.query(text, values)).rows];
    }
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
      const results: Row[][] = [];
      for (const s of statements) results.push(await tx.query(s.sql, s.params));
      return results;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(begin: string, work: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      const tx = postgresSql(client);
      const result = await work(tx);
      if (!tx.committed) await client.query('COMMIT');
      if (!tx.durable) await flushed(client);
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
