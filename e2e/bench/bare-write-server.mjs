// Baseline for the write-rate phase of `npm run bench`: the floor of one logged write per request on this machine.
// A bare `node:http` server whose PATCH /rows/:id does, in one transaction, what a TaskPulse change must do at the
// least: update the row, bump the head counter, insert the event with that seq. On `better-sqlite3` by default; on
// PostgreSQL (`pg`, a pool of 10 like TaskPulse's, the driver's plain parameterised queries) when DATABASE_URL is set.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

const ROWS = Number(process.env.ROWS ?? 16);
const SCHEMA = `
  CREATE TABLE rows (id INTEGER PRIMARY KEY, title TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, row_id INTEGER NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL);
  INSERT INTO head (id, seq) VALUES (1, 0);
`;
const UPDATE_ROW = 'UPDATE rows SET title = ?, version = version + 1, updated_at = ? WHERE id = ? RETURNING id, title, version, updated_at';
const BUMP_HEAD = 'UPDATE head SET seq = seq + 1 WHERE id = 1 RETURNING seq';
const INSERT_EVENT = 'INSERT INTO events (seq, type, row_id, payload, created_at) VALUES (?, ?, ?, ?, ?)';
const READ_HEAD = 'SELECT seq FROM head WHERE id = 1';

/** `?` placeholders as PostgreSQL's `$1, $2…`. */
const numbered = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The SQLite store: the same settings as the TaskPulse server's SQLite connection. */
function sqliteStore() {
  const db = new Database(join(process.env.DATA_DIR, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const insertRow = db.prepare('INSERT INTO rows (id, title, version, updated_at) VALUES (?, ?, 1, ?)');
  for (let id = 1; id <= ROWS; id++) insertRow.run(id, `row ${id}`, new Date().toISOString());
  const updateRow = db.prepare(UPDATE_ROW);
  const bumpHead = db.prepare(BUMP_HEAD);
  const insertEvent = db.prepare(INSERT_EVENT);
  const change = db.transaction((id, title) => {
    const now = new Date().toISOString();
    const row = updateRow.get(title, now, id);
    if (!row) return null;
    const { seq } = bumpHead.get();
    insertEvent.run(seq, 'row_updated', id, JSON.stringify({ row }), now);
    return { ...row, seq };
  });
  const readHead = db.prepare(READ_HEAD);
  return { ready: Promise.resolve(), change: async (id, title) => change(id, title), head: async () => readHead.get().seq };
}

/** The PostgreSQL store, on the scratch database the bench made for it. */
function postgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const ready = (async () => {
    await pool.query(SCHEMA);
    for (let id = 1; id <= ROWS; id++) {
      await pool.query(numbered('INSERT INTO rows (id, title, version, updated_at) VALUES (?, ?, 1, ?)'), [
        id,
        `row ${id}`,
        new Date().toISOString(),
      ]);
    }
  })();
  const change = async (id, title) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const now = new Date().toISOString();
      const [row] = (await client.query(numbered(UPDATE_ROW), [title, now, id])).rows;
      if (!row) {
        await client.query('ROLLBACK');
        return null;
      }
      const [{ seq }] = (await client.query(BUMP_HEAD)).rows;
      await client.query(numbered(INSERT_EVENT), [seq, 'row_updated', id, JSON.stringify({ row }), now]);
      await client.query('COMMIT');
      return { ...row, seq };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return { ready, change, head: async () => (await pool.query(READ_HEAD)).rows[0].seq };
}

const store = process.env.DATABASE_URL ? postgresStore(process.env.DATABASE_URL) : sqliteStore();

function answer(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  const match = /^\/rows\/(\d+)$/.exec(request.url ?? '');
  if (request.method !== 'PATCH' || !match) return answer(response, 404, { error: 'not found' });
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let title;
    try {
      title = JSON.parse(Buffer.concat(chunks).toString()).title;
    } catch {
      return answer(response, 400, { error: 'bad json' });
    }
    if (typeof title !== 'string') return answer(response, 400, { error: 'title required' });
    store.change(Number(match[1]), title).then(
      (row) => answer(response, row ? 200 : 404, row ?? { error: 'not found' }),
      (error) => answer(response, 500, { error: String(error.message) }),
    );
  });
});

store.ready.then(() => server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true })));
// The bench asks for the head afterwards: the committed writes, counted by the database rather than the client.
process.on('message', (message) => {
  if (message?.cmd === 'head') store.head().then((seq) => process.send?.({ seq: Number(seq) }));
});
