import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, testDatabase } from '@taskpulse/test-support';
import { PostgresDatabase, type Sql, type SqlDatabase, SqliteDatabase } from './sql-database';

describe(`SqlDatabase (${testDatabase})`, () => {
  let sut: SqlDatabase;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (testDatabase === 'postgres') {
      const pg = await createPostgresDatabase('unit');
      sut = new PostgresDatabase(pg.url, 4);
      cleanup = pg.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'taskpulse-sql-'));
      sut = new SqliteDatabase(join(dir, 'db.sqlite'), 2);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    await sut.write((tx) => tx.query('CREATE TABLE notes (id integer PRIMARY KEY, body varchar(20) NOT NULL)'));
  });

  afterAll(async () => {
    await sut.close();
    await cleanup();
  });

  it('commits a write and reads it back with named parameters', async () => {
    await sut.write((tx) => tx.query('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 1, body: 'first' }));
    await expect(sut.query('SELECT body FROM notes WHERE id = :id', { id: 1 })).resolves.toEqual([{ body: 'first' }]);
  });

  it('rolls back every statement of a failed write', async () => {
    const failing = sut.write(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 2, body: 'second' });
      await tx.query('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 3, body: null });
    });
    // The driver's own error (a NOT NULL violation), from the native side: matched by its code, not its class.
    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_NOTNULL|23502)$/) });
    await expect(sut.query('SELECT id FROM notes WHERE id IN (2, 3)')).resolves.toEqual([]);
  });

  it.each([
    ['a read', 4, (sql: string, params: object) => sut.query(sql, params)],
    ['a lookup by key', 5, (sql: string, params: object) => sut.lookup(sql, params)],
  ])('never lets %s see a write that has not committed', async (_, id, read) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
    const writing = sut.write(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES (:id, :body)', { id, body: 'pending' });
      inserted();
      await held;
    });
    await insertedOnce;
    await expect(read('SELECT id FROM notes WHERE id = :id', { id })).resolves.toEqual([]);
    release();
    await writing;
    await expect(read('SELECT id FROM notes WHERE id = :id', { id })).resolves.toEqual([{ id }]);
  });

  it('answers a batch of reads from one snapshot', async () => {
    const [count, rows] = await sut.read([{ sql: 'SELECT COUNT(*) AS n FROM notes' }, { sql: 'SELECT id FROM notes ORDER BY id' }]);
    expect(Number(count[0].n)).toBe(rows.length);
  });

  it('reports a bad statement as an error, not a crash', async () => {
    await expect(sut.query('SELECT nope FROM notes')).rejects.toMatchObject({ message: expect.stringMatching(/nope/) });
    await expect(sut.query('SELECT COUNT(*) AS n FROM notes')).resolves.toHaveLength(1);
  });

  it('runs a sent statement with the next one, and fails the whole write when it fails there', async () => {
    const rows = await sut.write(async (tx) => {
      await tx.send('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 10, body: "it's sent" });
      return tx.query('SELECT body FROM notes WHERE id = :id', { id: 10 });
    });
    expect(rows).toEqual([{ body: "it's sent" }]);
    const failing = sut.write(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 11, body: 'kept?' });
      await tx.send('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 12, body: null });
    });
    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT_NOTNULL|23502)$/) });
    await expect(sut.query('SELECT id FROM notes WHERE id IN (11, 12)')).resolves.toEqual([]);
  });

  it("finishes a write with its last statement and answers with that statement's rows", async () => {
    const rows = await sut.write(async (tx) => {
      await tx.send('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 20, body: 'before' });
      return tx.finish('INSERT INTO notes (id, body) VALUES (:id, :body) RETURNING id - :minus AS shifted', {
        id: 21,
        body: 'last',
        minus: -1,
      });
    });
    expect(rows.map((row) => Number(row.shifted))).toEqual([22]);
    await expect(sut.query('SELECT id FROM notes WHERE id IN (20, 21) ORDER BY id')).resolves.toEqual([{ id: 20 }, { id: 21 }]);
  });

  it('writes quotes, backslashes and comment markers in values as data', async () => {
    const body = "a'b\\c -- d /* e";
    await sut.write(async (tx) => {
      await tx.send('INSERT INTO notes (id, body) VALUES (:id, :body)', { id: 30, body });
      await tx.finish('UPDATE notes SET body = :body WHERE id = :id', { id: 30, body: body.toUpperCase() });
    });
    await expect(sut.query('SELECT body FROM notes WHERE id = 30')).resolves.toEqual([{ body: body.toUpperCase() }]);
  });

  it('commits writes that arrive together, each on its own: a failed one takes back only its own statements', async () => {
    const insert = (id: number, body: string | null) => (tx: Sql) =>
      tx.query('INSERT INTO notes (id, body) VALUES (:id, :body) RETURNING id', { id, body });
    const [first, failed, last] = await Promise.allSettled([
      sut.write(insert(40, 'first')),
      sut.write(async (tx) => {
        await insert(41, 'kept?')(tx);
        return insert(42, null)(tx);
      }),
      sut.write(insert(43, 'last')),
    ]);
    expect(first).toEqual({ status: 'fulfilled', value: [{ id: 40 }] });
    expect(failed).toMatchObject({ status: 'rejected', reason: { code: expect.stringMatching(/^(SQLITE_CONSTRAINT_NOTNULL|23502)$/) } });
    expect(last).toEqual({ status: 'fulfilled', value: [{ id: 43 }] });
    await expect(sut.query('SELECT id FROM notes WHERE id BETWEEN 40 AND 43 ORDER BY id')).resolves.toEqual([{ id: 40 }, { id: 43 }]);
  });

  it('answers a write only once a read sees it, and looks up committed rows by key', async () => {
    const written = await Promise.all(
      [50, 51, 52].map((id) =>
        sut.write(async (tx) => tx.query('INSERT INTO notes (id, body) VALUES (:id, :body) RETURNING id', { id, body: `n${id}` })),
      ),
    );
    expect(written.flat()).toEqual([{ id: 50 }, { id: 51 }, { id: 52 }]);
    await expect(sut.lookup('SELECT body FROM notes WHERE id = :id', { id: 51 })).resolves.toEqual([{ body: 'n51' }]);
    const [count] = await sut.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM notes WHERE id BETWEEN 50 AND 52');
    expect(Number(count.n)).toBe(3);
  });

  it('answers a statement repeated in one batch and in later batches, each with its own values', async () => {
    const byId = { sql: 'SELECT body FROM notes WHERE id = :id' };
    for (let round = 0; round < 3; round++) {
      const results = await sut.read([
        { ...byId, params: { id: 1 } },
        { ...byId, params: { id: 40 } },
      ]);
      expect(results).toEqual([[{ body: 'first' }], [{ body: 'first' }]]);
    }
  });

  it('reports a failing statement in a batch of reads, and serves the next batch', async () => {
    await expect(sut.read([{ sql: 'SELECT id FROM notes' }, { sql: 'SELECT nope FROM notes' }])).rejects.toMatchObject({
      message: expect.stringMatching(/nope/),
    });
    const [rows, count] = await sut.read([
      { sql: 'SELECT id FROM notes WHERE id = :id', params: { id: 1 } },
      { sql: 'SELECT COUNT(*) AS n FROM notes' },
    ]);
    expect(rows).toEqual([{ id: 1 }]);
    expect(Number(count[0].n)).toBeGreaterThan(0);
  });

  if (testDatabase === 'sqlite') {
    it('commits the open batch before a read takes its turn on an in-memory database', async () => {
      const memory = new SqliteDatabase(':memory:', 0);
      try {
        await memory.write((tx) => tx.query('CREATE TABLE notes (id integer PRIMARY KEY)'));
        const writes = [1, 2].map((id) => memory.write((tx) => tx.query('INSERT INTO notes (id) VALUES (:id)', { id })));
        const read = memory.query('SELECT id FROM notes ORDER BY id');
        await Promise.all(writes);
        await expect(read).resolves.toEqual([{ id: 1 }, { id: 2 }]);
        await expect(memory.lookup('SELECT id FROM notes WHERE id = 2')).resolves.toEqual([{ id: 2 }]);
      } finally {
        await memory.close();
      }
    });

    it('keeps the event loop turning while a long read runs', async () => {
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 5);
      const started = Date.now();
      await sut.query('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT COUNT(*) AS c FROM n');
      clearInterval(timer);
      const elapsed = Date.now() - started;
      // On the event loop the timer could not fire at all until the read returned.
      expect(elapsed).toBeGreaterThan(50);
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 4));
    });
  }
});
