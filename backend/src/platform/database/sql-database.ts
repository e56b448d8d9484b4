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
  /**
   * Runs a statement whose result nobody reads. On PostgreSQL it travels with the transaction's next statement (or
   * its commit), saving a round trip; an error it raises surfaces there, and the whole transaction still fails.
   */
  send(sql: string, params?: SqlParams): Promise<void>;
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

  /**
   * A read of a few rows by key (a primary key or a unique index, never a scan), committed state: for the checks
   * every request makes, such as whether its session has ended.
   */
  lookup<T = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.query<T>(sql, params);
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

/** `text` prepared on `connection`, once: `cache` keeps each connection's statements by their text. */
function prepared(connection: BetterSqlite3.Database, cache: Map<string, BetterSqlite3.Statement>, text: string): BetterSqlite3.Statement {
  let statement = cache.get(text);
  if (!statement) {
    statement = connection.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

/** Writes whose work is done, waiting for the one commit of their batch; each learns its outcome from it. */
interface Batch {
  members: Array<{ commit: () => void; fail: (error: unknown) => void }>;
}

/**
 * SQLite: one writer connection, so writes take turns. Writes commit in batches (group commit): each runs in a
 * savepoint of the batch's transaction, and the batch commits once the event loop has taken in the requests that
 * arrived together (a `setImmediate`), so the log pages, the full-text index's new segment and the WAL frames are
 * written once per batch rather than once per change. A write is answered only after its batch has committed; a write
 * that fails rolls back to its savepoint and leaves the rest of the batch alone; a commit that fails fails every write
 * of the batch. Seqs are taken in turn order and committed together, so they stay gapless in commit order.
 */
export class SqliteDatabase extends SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly writer: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly turns = new Turns();
  /** Null for an in-memory database, which no other connection can open: reads then take turns with writes. */
  private readonly readers: SqliteReadPool | null;
  /** A read-only connection on this thread for `lookup`; null for an in-memory database. */
  private readonly keyReader: BetterSqlite3.Database | null;
  private readonly keyStatements = new Map<string, BetterSqlite3.Statement>();
  private batch: Batch | null = null;
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly savepoint: BetterSqlite3.Statement;
  private readonly release: BetterSqlite3.Statement;
  private readonly rollbackToSavepoint: BetterSqlite3.Statement;

  constructor(file: string, readWorkers: number) {
    super();
    this.writer = new BetterSqlite3(file);
    this.writer.pragma('journal_mode = WAL');
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('busy_timeout = 5000');
    // The journals of a savepoint (each write of a batch has one) and of a statement stay in memory, not in temp files.
    this.writer.pragma('temp_store = MEMORY');
    const inMemory = file === ':memory:';
    this.readers = inMemory || readWorkers === 0 ? null : new SqliteReadPool(file, readWorkers);
    this.keyReader = inMemory ? null : new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    this.keyReader?.pragma('busy_timeout = 5000');
    this.begin = this.writer.prepare('BEGIN IMMEDIATE');
    this.commit = this.writer.prepare('COMMIT');
    this.savepoint = this.writer.prepare('SAVEPOINT change');
    this.release = this.writer.prepare('RELEASE change');
    this.rollbackToSavepoint = this.writer.prepare('ROLLBACK TO change');
  }

  write<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      void this.turns.run(async () => {
        let batch: Batch;
        try {
          batch = this.openBatch();
          this.savepoint.run();
        } catch (error) {
          reject(error);
          return;
        }
        let result: T;
        try {
          result = await work(this.tx);
        } catch (error) {
          this.abandonChange(batch);
          reject(error);
          return;
        }
        this.release.run();
        batch.members.push({ commit: () => resolve(result), fail: reject });
      });
    });
  }

  async read(statements: readonly Statement[]): Promise<Row[][]> {
    const compiled = statements.map((s) => compileSql(s.sql, s.params ?? {}, 'sqlite'));
    if (this.readers) return (await this.readers.run(compiled)) as Row[][];
    return this.turns.run(async () => {
      this.commitBatch();
      return compiled.map((s) => this.prepare(s.text).all(s.values) as Row[]);
    });
  }

  // An index lookup costs microseconds: it runs at once on this thread's own read-only connection (the committed
  // state, beside the open batch) rather than travelling to a worker and back.
  override async lookup<T = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    if (!this.keyReader) return this.query<T>(sql, params);
    const { text, values } = compileSql(sql, params, 'sqlite');
    return prepared(this.keyReader, this.keyStatements, text).all(values) as T[];
  }

  async close(): Promise<void> {
    await this.turns.run(async () => this.commitBatch());
    await this.readers?.close();
    this.keyReader?.close();
    this.writer.close();
  }

  /** The open batch, or a new one: its transaction begins now and commits once this turn of the event loop is over. */
  private openBatch(): Batch {
    if (this.batch) return this.batch;
    this.begin.run();
    const batch: Batch = { members: [] };
    this.batch = batch;
    setImmediate(() => void this.turns.run(async () => this.batch === batch && this.commitBatch()));
    return batch;
  }

  /**
   * Undoes a failed change. Most errors undo only the statement that raised them, and the savepoint takes the rest of
   * the change back; some (a full disk, an I/O error) end the whole transaction, and with it the batch.
   */
  private abandonChange(batch: Batch): void {
    if (this.writer.inTransaction) {
      this.rollbackToSavepoint.run();
      this.release.run();
      return;
    }
    this.batch = null;
    const error = new Error('the database rolled back the transaction of a batch of writes');
    for (const member of batch.members) member.fail(error);
  }

  private commitBatch(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.commit.run();
    } catch (error) {
      try {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      } catch {
        // The connection ends the transaction itself when it cannot roll back; the writes have failed either way.
      }
      for (const member of batch.members) member.fail(error);
      return;
    }
    for (const member of batch.members) member.commit();
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
    send: async (sql: string, params?: SqlParams) => void this.run(sql, params),
  };

  private prepare(text: string): BetterSqlite3.Statement {
    return prepared(this.writer, this.statements, text);
  }
}

const locks = { update: ' FOR UPDATE', share: ' FOR SHARE' } as const;
const MAX_ATTEMPTS = 3;
/** Distinct lookups prepared by name on each connection; a text beyond them is planned each time instead. */
const MAX_NAMED_LOOKUPS = 64;
const postgresLock = (mode: 'update' | 'share', alias?: string) => (alias ? `${locks[mode]} OF ${alias}` : locks[mode]);

/** A PostgreSQL literal for a parameter value, escaped by the driver. */
function literal(client: PoolClient, value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write ${value} as an SQL literal`);
    // In parentheses when negative: "seq - -1" must never turn into a comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (Array.isArray(value)) throw new Error('a list parameter is written :...name, one literal per item');
  return client.escapeLiteral(JSON.stringify(value));
}

/**
 * Waits until the write-ahead log is on disk up to here, so a commit made without waiting is as durable as any: a
 * transactional message makes a tiny commit record after ours, and its synchronous commit flushes the log up to it.
 * Concurrent writers' flushes go to disk together (group commit), none of them holding the log head meanwhile.
 */
const FLUSH = "SELECT pg_logical_emit_message(true, 'taskpulse', 'durable')";

type Results = Array<{ rows: Row[] }>;

/** Sends `statements` as one simple-protocol message (several statements, no parameters); one result each. */
async function together(client: PoolClient, statements: readonly string[]): Promise<Results> {
  const results = (await client.query(statements.join('; '))) as unknown as Results | { rows: Row[] };
  return Array.isArray(results) ? results : [results];
}

/**
 * A transaction on one pooled client, in as few round trips as its statements allow: `BEGIN` goes out with the
 * first statement, statements given to `send` go with the next one, and `finish` sends the last statement, the
 * commit and the flush in one message. Statements that travel together use the simple protocol, their parameters
 * written as literals the driver escapes (`inlineSql`); a statement alone is bound with parameters.
 */
class PostgresTransaction implements Sql {
  readonly dialect = 'postgres' as const;
  readonly lock = postgresLock;
  /** Statements waiting to go out ahead of the next one: `BEGIN` until anything was sent. */
  private ahead: string[];
  private sentAny = false;
  private committed = false;

  constructor(
    private readonly client: PoolClient,
    begin: string,
  ) {
    this.ahead = [begin];
  }

  async query<T>(sql: string, params: SqlParams = {}): Promise<T[]> {
    this.assertOpen();
    if (this.ahead.length === 0) {
      const { text, values } = compileSql(sql, params, 'postgres');
      return (await this.client.query(text, values)).rows as T[];
    }
    const results = await this.sendAhead([this.inline(sql, params)]);
    return results[results.length - 1].rows as T[];
  }

  async send(sql: string, params: SqlParams = {}): Promise<void> {
    this.assertOpen();
    this.ahead.push(this.inline(sql, params));
  }

  // The statement and the commit run back to back inside the server, so the locks the statement takes (the log head)
  // are never held while a reply travels or this process is busy, and the commit does not wait for the disk while it
  // holds them; the flush after it does, in an implicit transaction of its own, beside every other writer's flush.
  async finish<T>(sql: string, params: SqlParams = {}): Promise<T[]> {
    this.assertOpen();
    const index = this.ahead.length + 1;
    this.committed = true;
    const results = await this.sendAhead(['SET LOCAL synchronous_commit TO OFF', this.inline(sql, params), 'COMMIT', FLUSH]);
    return results[index].rows as T[];
  }

  /** Commits unless `finish` did; a transaction that sent nothing has nothing to commit. */
  async commit(): Promise<void> {
    if (this.committed) return;
    this.committed = true;
    if (this.sentAny || this.ahead.length > 1) await this.sendAhead(['COMMIT']);
  }

  private sendAhead(statements: readonly string[]): Promise<Results> {
    const all = [...this.ahead, ...statements];
    this.ahead = [];
    this.sentAny = true;
    return together(this.client, all);
  }

  private inline(sql: string, params: SqlParams): string {
    return inlineSql(sql, params, (value) => literal(this.client, value));
  }

  private assertOpen(): void {
    if (this.committed) throw new Error('the transaction has already been committed');
  }
}

export class PostgresDatabase extends SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly lookupNames = new Map<string, string>();

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
        return await this.transaction(work);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= MAX_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  // A named statement: the server parses and plans it once per connection (a lookup by key plans the same every time).
  override async lookup<T = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    const { text, values } = compileSql(sql, params, 'postgres');
    let name = this.lookupNames.get(text);
    if (name === undefined && this.lookupNames.size < MAX_NAMED_LOOKUPS) {
      name = `lookup_${this.lookupNames.size + 1}`;
      this.lookupNames.set(text, name);
    }
    return (await this.pool.query({ name, text, values })).rows as T[];
  }

  /** One snapshot in one round trip: `BEGIN … READ ONLY`, the statements and `COMMIT` in one message. */
  async read(statements: readonly Statement[]): Promise<Row[][]> {
    if (statements.length === 1) {
      const { text, values } = compileSql(statements[0].sql, statements[0].params ?? {}, 'postgres');
      return [(await this.pool.query(text, values)).rows];
    }
    return this.withClient(async (client) => {
      const inlined = statements.map((s) => inlineSql(s.sql, s.params ?? {}, (value) => literal(client, value)));
      const results = await together(client, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', ...inlined, 'COMMIT']);
      return results.slice(1, -1).map((result) => result.rows);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      const tx = new PostgresTransaction(client, 'BEGIN');
      const result = await work(tx);
      await tx.commit();
      return result;
    });
  }

  /** Runs `use` on a pooled client; after a failure a `ROLLBACK` leaves the connection clean (or it is dropped). */
  private async withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      return await use(client);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
