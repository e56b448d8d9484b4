import { Logger } from '@nestjs/common';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledSql } from './sql-params';

/**
 * Runs in each worker thread: its own read-only connection to the SQLite file. WAL lets it read beside the writer,
 * and a batch of statements runs in one read transaction, so they all see the same committed state. Kept as
 * source text so the same code runs from the compiled server and from the specs.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
function prepare(text) {
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare(text);
    if (statements.size >= 512) statements.delete(statements.keys().next().value);
    statements.set(text, statement);
  }
  return statement;
}
// A statement's text comes once per worker, with its number; afterwards only the number travels.
const texts = new Map();
function textOf(s) {
  if (s.text === undefined) return texts.get(s.n);
  if (s.n !== undefined) texts.set(s.n, s.text);
  return s.text;
}
const runAll = (batch) => batch.map((s) => prepare(textOf(s)).all(s.values));
const inSnapshot = db.transaction(runAll);
parentPort.on('message', ({ id, batch }) => {
  try {
    parentPort.postMessage({ id, results: batch.length === 1 ? runAll(batch) : inSnapshot(batch) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** Where the worker loads the driver from: this module's own resolution (the specs run as ES modules, without `require`). */
function driverPath(): string {
  const resolve = typeof require === 'function' ? require.resolve : createRequire(join(process.cwd(), 'index.js')).resolve;
  return resolve('better-sqlite3');
}

interface Pending {
  resolve: (results: unknown[][]) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The statement numbers whose text this worker has been sent. */
  known: Set<number>;
}

/** What travels to a worker for one statement: its number (and its text the first time), and its values. */
interface Sent {
  n?: number;
  text?: string;
  values: unknown[];
}

/** Distinct statement texts given a number; one beyond them travels as text every time. */
const MAX_NUMBERED = 4096;

/** A read failed inside the worker; carries SQLite's error code like the driver's own errors do. */
export class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * SQLite reads off the event loop: better-sqlite3 is synchronous, so a heavy read on the main thread would hold up
 * every socket of the instance. Each batch goes to the worker with the fewest reads in flight.
 */
export class SqliteReadPool {
  private readonly logger = new Logger(SqliteReadPool.name);
  private readonly readers: Reader[] = [];
  private nextId = 1;
  private closed = false;
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly file: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.readers.push(this.spawn());
  }

  run(batch: CompiledSql[]): Promise<unknown[][]> {
    if (this.closed) return Promise.reject(new Error('the SQLite read pool is closed'));
    const reader = this.readers.reduce((best, r) => (r.pending.size < best.pending.size ? r : best));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const fresh = new Set<number>();
      const sent = batch.map((statement) => this.sent(reader, statement, fresh));
      reader.pending.set(id, { resolve, reject });
      try {
        reader.worker.postMessage({ id, batch: sent });
      } catch (error) {
        reader.pending.delete(id);
        reject(error);
        return;
      }
      for (const n of fresh) reader.known.add(n);
    });
  }

  /**
   * A statement as it travels. Cloning the SQL text of every read into the worker is work for the event loop, so a
   * worker gets each text once, with its number, and then only the number. `fresh` collects the numbers whose text
   * this message carries.
   */
  private sent(reader: Reader, { text, values }: CompiledSql, fresh: Set<number>): Sent {
    let n = this.numbers.get(text);
    if (n === undefined) {
      if (this.numbers.size >= MAX_NUMBERED) return { text, values };
      n = this.numbers.size + 1;
      this.numbers.set(text, n);
    }
    if (reader.known.has(n) || fresh.has(n)) return { n, values };
    fresh.add(n);
    return { n, text, values };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.readers.map((r) => r.worker.terminate()));
  }

  private spawn(): Reader {
    const worker = new Worker(workerSource, { eval: true, workerData: { file: this.file, driver: driverPath() } });
    const reader: Reader = { worker, pending: new Map(), known: new Set() };
    worker.unref();
    worker.on('message', (message: { id: number; results?: unknown[][]; error?: { message: string; code?: string } }) => {
      const pending = reader.pending.get(message.id);
      if (!pending) return;
      reader.pending.delete(message.id);
      if (message.error) pending.reject(new SqliteReadError(message.error.message, message.error.code));
      else pending.resolve(message.results ?? []);
    });
    worker.on('error', (error) => this.logger.error(`SQLite read worker failed: ${error.message}`));
    worker.on('exit', () => {
      for (const pending of reader.pending.values()) pending.reject(new Error('the SQLite read worker stopped'));
      reader.pending.clear();
      const index = this.readers.indexOf(reader);
      if (!this.closed && index !== -1) this.readers[index] = this.spawn();
    });
    return reader;
  }
}
