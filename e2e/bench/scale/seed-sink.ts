// Writes seeded rows straight into the base tables of a stopped server's database: better-sqlite3 in big
// transactions on SQLite, `INSERT … SELECT … FROM unnest(arrays)` batches on PostgreSQL. Column lists are those of
// the initial schema, so the seeding works on that schema and on any later one that only adds columns or tables.
import Database from 'better-sqlite3';
import { Client } from 'pg';

export type Row = Array<string | number | null>;

interface TableSpec {
  columns: string[];
  /** Columns that hold numbers (PostgreSQL needs the array type; everything else goes in as text). */
  numeric?: string[];
}

const tables = {
  users: { columns: ['id', 'email', 'name', 'password_hash', 'created_at'] },
  teams: { columns: ['id', 'name', 'created_by', 'created_at'] },
  team_members: { columns: ['team_id', 'user_id', 'role', 'joined_at'] },
  tasks: {
    columns: [
      'id',
      'title',
      'description',
      'status',
      'priority',
      'due_date',
      'owner_id',
      'team_id',
      'created_at',
      'updated_at',
      'completed_at',
      'version',
    ],
    numeric: ['version'],
  },
  task_shares: { columns: ['task_id', 'user_id', 'permission', 'shared_at'] },
  // Added by the scale work: who was in a team over which seq range. Filled only when the table exists.
  team_membership_spans: { columns: ['team_id', 'user_id', 'from_seq', 'to_seq'], numeric: ['from_seq', 'to_seq'] },
} satisfies Record<string, TableSpec>;

export type SeedTable = Exclude<keyof typeof tables, 'team_membership_spans'>;

/** A password hash no password matches: seeded people never log in, the bench forges their tokens. */
export const unusablePasswordHash = '$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVkLWJ5LWJlbmNo$bm8tcGFzc3dvcmQtbWF0Y2hlcy10aGlz';

export interface SeedSink {
  /** Inserts rows (each in the column order of the table's spec); a membership also gets its span when spans exist. */
  insert(table: SeedTable, rows: Row[]): Promise<void>;
  /** Gives tasks made through the API an age: `[id, created_at]` pairs. */
  backdate(pairs: Array<[string, string]>): Promise<void>;
  readonly hasSpans: boolean;
  close(): Promise<void>;
}

const spanRows = (members: Row[], head: number): Row[] => members.map(([teamId, userId]) => [teamId, userId, head, null]);

class SqliteSink implements SeedSink {
  private readonly db: Database.Database;
  readonly hasSpans: boolean;
  private readonly head: number;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    // The server is stopped and the bench owns the file: a crash mid-seed only costs a rerun.
    this.db.pragma('synchronous = OFF');
    this.hasSpans = !!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'team_membership_spans'").get();
    this.head = Number((this.db.prepare('SELECT seq FROM event_head WHERE id = 1').get() as { seq: number }).seq);
  }

  async insert(table: SeedTable, rows: Row[]): Promise<void> {
    this.write(table, rows);
    if (table === 'team_members' && this.hasSpans) this.write('team_membership_spans', spanRows(rows, this.head));
  }

  private write(table: keyof typeof tables, rows: Row[]): void {
    const { columns } = tables[table];
    const statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    this.db.transaction(() => {
      for (const row of rows) statement.run(...row);
    })();
  }

  async backdate(pairs: Array<[string, string]>): Promise<void> {
    const statement = this.db.prepare('UPDATE tasks SET created_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [id, createdAt] of pairs) statement.run(createdAt, id);
    })();
  }

  async close(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

class PostgresSink implements SeedSink {
  private constructor(
    private readonly client: Client,
    readonly hasSpans: boolean,
    private readonly head: number,
  ) {}

  static async open(url: string): Promise<PostgresSink> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const [spans] = (await client.query("SELECT to_regclass('team_membership_spans') AS name")).rows;
    const [head] = (await client.query('SELECT seq FROM event_head WHERE id = 1')).rows;
    return new PostgresSink(client, spans.name !== null, Number(head.seq));
  }

  async insert(table: SeedTable, rows: Row[]): Promise<void> {
    await this.write(table, rows);
    if (table === 'team_members' && this.hasSpans) await this.write('team_membership_spans', spanRows(rows, this.head));
  }

  private async write(table: keyof typeof tables, rows: Row[]): Promise<void> {
    const spec: TableSpec = tables[table];
    const arrays = spec.columns.map((_, c) => rows.map((row) => row[c]));
    const casts = spec.columns.map((column, c) => `$${c + 1}::${spec.numeric?.includes(column) ? 'bigint' : 'text'}[]`);
    await this.client.query(`INSERT INTO ${table} (${spec.columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`, arrays);
  }

  async backdate(pairs: Array<[string, string]>): Promise<void> {
    await this.client.query(
      'UPDATE tasks t SET created_at = v.created_at FROM unnest($1::text[], $2::text[]) AS v(id, created_at) WHERE t.id = v.id',
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }

  async close(): Promise<void> {
    // Fresh statistics, as autovacuum would have gathered them by the time a real database grew this large.
    await this.client.query('ANALYZE');
    await this.client.end();
  }
}

export function openSink(database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }): Promise<SeedSink> {
  return database.kind === 'sqlite' ? Promise.resolve(new SqliteSink(database.file)) : PostgresSink.open(database.url);
}
