// Baseline for the write-rate phase of `npm run bench`: the floor of one logged write per request on this machine.
// A bare `node:http` + `better-sqlite3` server whose PATCH /rows/:id does, in one transaction, what a TaskPulse
// change must do at the least: update the row, bump the head counter, insert the event with that seq.
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { join } from 'node:path';

const ROWS = Number(process.env.ROWS ?? 16);
const db = new Database(join(process.env.DATA_DIR, 'bare.sqlite'));
// The same settings as the TaskPulse server's SQLite connection.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.exec(`
  CREATE TABLE rows (id INTEGER PRIMARY KEY, title TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
  CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, row_id INTEGER NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL);
  INSERT INTO head (id, seq) VALUES (1, 0);
`);
const insertRow = db.prepare('INSERT INTO rows (id, title, version, updated_at) VALUES (?, ?, 1, ?)');
for (let id = 1; id <= ROWS; id++) insertRow.run(id, `row ${id}`, new Date().toISOString());

const updateRow = db.prepare(
  'UPDATE rows SET title = ?, version = version + 1, updated_at = ? WHERE id = ? RETURNING id, title, version, updated_at',
);
const bumpHead = db.prepare('UPDATE head SET seq = seq + 1 WHERE id = 1 RETURNING seq');
const insertEvent = db.prepare('INSERT INTO events (seq, type, row_id, payload, created_at) VALUES (?, ?, ?, ?, ?)');
const change = db.transaction((id, title) => {
  const now = new Date().toISOString();
  const row = updateRow.get(title, now, id);
  if (!row) return null;
  const { seq } = bumpHead.get();
  insertEvent.run(seq, 'row_updated', id, JSON.stringify({ row }), now);
  return { ...row, seq };
});

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
    const row = change(Number(match[1]), title);
    answer(response, row ? 200 : 404, row ?? { error: 'not found' });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
const readHead = db.prepare('SELECT seq FROM head WHERE id = 1');
// The bench asks for the head afterwards: the committed writes, counted by the database rather than the client.
process.on('message', (message) => {
  if (message?.cmd === 'head') process.send?.({ seq: readHead.get().seq });
});
