import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads by index per visibility set, a text index for search, and team fan-out stored once.
 * - tasks: (owner_id, created_at, id) and (team_id, created_at, id) serve "mine" and "my teams'" in list order;
 *   task_shares and team_members get (user_id, …) covering indexes for "shared with me" and "my teams".
 * - Search: SQLite FTS5 with the trigram tokenizer (substring matching, like the LIKE it replaces) over an
 *   external-content table keyed by a stable integer (`rid`; SQLite's implicit rowid may change on VACUUM), kept in
 *   step by triggers. PostgreSQL: pg_trgm GIN indexes on title and description, which serve ILIKE '%…%'.
 * - event_recipients gains the principal kind ('user' | 'team'): an event to a team is one row, not one per member.
 *   Existing rows are user rows, so every event logged before this migration replays exactly as before.
 * - team_membership_spans: the seq range a membership was held (from_seq inclusive, to_seq inclusive, NULL while
 *   current). Members at migration time hold their membership from the current head on; no earlier event is
 *   addressed to a team, so nothing they could resume is lost.
 * - deployment: one random id per database, which names the deployment's event-bus channel on a shared Redis.
 */
export class CostFollowsTheUser1765000000000 implements MigrationInterface {
  name = 'CostFollowsTheUser1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    if (postgres) await this.postgresTasks(q);
    else await this.sqliteTasks(q);

    await q.query('DROP INDEX IF EXISTS idx_task_shares_user');
    await q.query('CREATE INDEX idx_task_shares_user_task ON task_shares (user_id, task_id)');
    await q.query('DROP INDEX IF EXISTS idx_team_members_user');
    await q.query('CREATE INDEX idx_team_members_user_team ON team_members (user_id, team_id)');

    await q.query(`CREATE TABLE event_recipients_v2 (
      kind varchar(4) NOT NULL, principal_id varchar(36) NOT NULL, seq bigint NOT NULL, permission varchar(5),
      PRIMARY KEY (kind, principal_id, seq))`);
    await q.query(`INSERT INTO event_recipients_v2 (kind, principal_id, seq, permission)
      SELECT 'user', user_id, seq, permission FROM event_recipients`);
    await q.query('DROP TABLE event_recipients');
    await q.query('ALTER TABLE event_recipients_v2 RENAME TO event_recipients');
    await q.query('CREATE INDEX idx_event_recipients_seq ON event_recipients (seq)');

    await q.query(`CREATE TABLE team_membership_spans (
      team_id varchar(36) NOT NULL, user_id varchar(36) NOT NULL, from_seq bigint NOT NULL, to_seq bigint,
      PRIMARY KEY (team_id, user_id, from_seq))`);
    await q.query('CREATE INDEX idx_membership_spans_user ON team_membership_spans (user_id, to_seq)');
    await q.query(`INSERT INTO team_membership_spans (team_id, user_id, from_seq, to_seq)
      SELECT tm.team_id, tm.user_id, h.seq, NULL FROM team_members tm CROSS JOIN event_head h WHERE h.id = 1`);

    await q.query('CREATE TABLE deployment (id varchar(36) PRIMARY KEY)');
    await q.query(`INSERT INTO deployment (id) VALUES ('${randomUUID()}')`);
  }

  async down(): Promise<void> {
    throw new Error('CostFollowsTheUser1765000000000 cannot be reverted: restore a backup taken before the upgrade');
  }

  private async postgresTasks(q: QueryRunner): Promise<void> {
    for (const index of ['idx_tasks_owner', 'idx_tasks_team', 'idx_tasks_created']) await q.query(`DROP INDEX IF EXISTS ${index}`);
    // Room for the statuses part 2 of the contract adds ('in_progress'); SQLite does not enforce lengths.
    await q.query('ALTER TABLE tasks ALTER COLUMN status TYPE varchar(12)');
    await this.taskIndexes(q);
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE INDEX idx_tasks_title_trgm ON tasks USING gin (title gin_trgm_ops)');
    await q.query('CREATE INDEX idx_tasks_description_trgm ON tasks USING gin (description gin_trgm_ops)');
  }

  /** SQLite cannot add a primary key to a table: rebuild `tasks` with `rid`, then the search index over it. */
  private async sqliteTasks(q: QueryRunner): Promise<void> {
    const columns = 'id, title, description, status, priority, due_date, owner_id, team_id, created_at, updated_at, completed_at, version';
    await q.query(`CREATE TABLE tasks_v2 (
      rid integer PRIMARY KEY, id varchar(36) NOT NULL UNIQUE, title varchar(200) NOT NULL, description text NOT NULL,
      status varchar(12) NOT NULL, priority varchar(6) NOT NULL, due_date varchar(24), owner_id varchar(36) NOT NULL,
      team_id varchar(36), created_at varchar(24) NOT NULL, updated_at varchar(24) NOT NULL, completed_at varchar(24),
      version integer NOT NULL)`);
    await q.query(`INSERT INTO tasks_v2 (${columns}) SELECT ${columns} FROM tasks ORDER BY created_at, id`);
    await q.query('DROP TABLE tasks');
    await q.query('ALTER TABLE tasks_v2 RENAME TO tasks');
    await this.taskIndexes(q);
    await q.query(`CREATE VIRTUAL TABLE tasks_fts USING fts5(
      title, description, content='tasks', content_rowid='rid', tokenize='trigram')`);
    await q.query(`CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
      INSERT INTO tasks_fts (rowid, title, description) VALUES (new.rid, new.title, new.description); END`);
    await q.query(`CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
      INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.rid, old.title, old.description); END`);
    await q.query(`CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, description ON tasks BEGIN
      INSERT INTO tasks_fts (tasks_fts, rowid, title, description) VALUES ('delete', old.rid, old.title, old.description);
      INSERT INTO tasks_fts (rowid, title, description) VALUES (new.rid, new.title, new.description); END`);
    await q.query(`INSERT INTO tasks_fts (tasks_fts) VALUES ('rebuild')`);
  }

  private async taskIndexes(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_tasks_owner_created ON tasks (owner_id, created_at, id)');
    await q.query('CREATE INDEX idx_tasks_team_created ON tasks (team_id, created_at, id) WHERE team_id IS NOT NULL');
    await q.query('CREATE INDEX idx_tasks_team_status ON tasks (team_id, status) WHERE team_id IS NOT NULL');
  }
}
