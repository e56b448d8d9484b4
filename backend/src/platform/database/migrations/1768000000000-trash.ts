import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trash: a deleted task keeps its row (and its shares) with `deleted_at` / `deleted_by` until it is restored or
 * purged after TRASH_RETENTION. Every read of visible tasks adds `deleted_at IS NULL`.
 * The indexes hold trashed rows only (partial), so they cost nothing for live tasks:
 * - (owner_id, deleted_at, id) and (team_id, deleted_at, id): `GET /api/trash` per set (mine; my admin teams'),
 *   newest deletion first, and the trashed part of a team's progress counts;
 * - (deleted_at): the purge of what is older than the retention.
 */
export class Trash1768000000000 implements MigrationInterface {
  name = 'Trash1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tasks ADD COLUMN deleted_at varchar(24) NULL');
    await q.query('ALTER TABLE tasks ADD COLUMN deleted_by varchar(36) NULL');
    await q.query('CREATE INDEX idx_tasks_trash_owner ON tasks (owner_id, deleted_at, id) WHERE deleted_at IS NOT NULL');
    await q.query(
      'CREATE INDEX idx_tasks_trash_team ON tasks (team_id, deleted_at, id) WHERE team_id IS NOT NULL AND deleted_at IS NOT NULL',
    );
    await q.query('CREATE INDEX idx_tasks_trash_purge ON tasks (deleted_at) WHERE deleted_at IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['idx_tasks_trash_owner', 'idx_tasks_trash_team', 'idx_tasks_trash_purge']) await q.query(`DROP INDEX ${index}`);
    await q.query('DELETE FROM task_shares WHERE task_id IN (SELECT id FROM tasks WHERE deleted_at IS NOT NULL)');
    await q.query('DELETE FROM tasks WHERE deleted_at IS NOT NULL');
    await q.query('ALTER TABLE tasks DROP COLUMN deleted_by');
    await q.query('ALTER TABLE tasks DROP COLUMN deleted_at');
  }
}
