import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dueSortKey, prioritySortKey } from '../../../tasks/task-order';
import { keyBetween } from '../../../tasks/position-key';

/**
 * Working together: assignees, labels, checklist, board order, comments, notifications, field-level history.
 * - tasks gains `assignee_ids`, `labels`, `checklist` (JSON text, read with the task), `position` (the board's
 *   fractional order key, byte order: PostgreSQL's "C" collation) and `comment_count`. Existing tasks get keys in
 *   the order they were created. ALTER TABLE ADD COLUMN leaves SQLite's FTS triggers as they are.
 * - task_assignees (by user) and task_labels (by task) make "assigned to U" and "labelled L" index reads.
 * - Indexes per visibility set (owner, team) for every list order: position, updated, due, priority.
 * - comments (by task, oldest first), notifications (by user, newest first; unread by user), due_soon_claims (one
 *   row per task and due date: the instance whose insert wins sends the notification), task_history (by task, its
 *   own table: event retention never prunes it).
 */
export class WorkingTogether1767000000000 implements MigrationInterface {
  name = 'WorkingTogether1767000000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    const json = "text NOT NULL DEFAULT '[]'";
    await q.query(`ALTER TABLE tasks ADD COLUMN assignee_ids ${json}`);
    await q.query(`ALTER TABLE tasks ADD COLUMN labels ${json}`);
    await q.query(`ALTER TABLE tasks ADD COLUMN checklist ${json}`);
    await q.query(`ALTER TABLE tasks ADD COLUMN position text${postgres ? ' COLLATE "C"' : ''} NOT NULL DEFAULT ''`);
    await q.query('ALTER TABLE tasks ADD COLUMN comment_count integer NOT NULL DEFAULT 0');
    let key: string | null = null;
    const rows = (await q.query('SELECT id FROM tasks ORDER BY created_at, id')) as Array<{ id: string }>;
    for (const { id } of rows) {
      key = keyBetween(key, null);
      await q.query(`UPDATE tasks SET position = ${postgres ? '$1' : '?'} WHERE id = ${postgres ? '$2' : '?'}`, [key, id]);
    }

    await q.query('CREATE INDEX idx_tasks_position ON tasks (position)');
    const orders: Record<string, string> = {
      position: 'position, id',
      updated: 'updated_at, id',
      due: `(${dueSortKey('')}), id`,
      priority: `(${prioritySortKey('')}), created_at, id`,
    };
    for (const [name, columns] of Object.entries(orders)) {
      await q.query(`CREATE INDEX idx_tasks_owner_${name} ON tasks (owner_id, ${columns})`);
      await q.query(`CREATE INDEX idx_tasks_team_${name} ON tasks (team_id, ${columns}) WHERE team_id IS NOT NULL`);
    }
    await q.query(`CREATE INDEX idx_tasks_due_open ON tasks (due_date) WHERE due_date IS NOT NULL AND status <> 'completed'`);

    await q.query(`CREATE TABLE task_assignees (
      task_id varchar(36) NOT NULL, user_id varchar(36) NOT NULL, PRIMARY KEY (task_id, user_id))`);
    await q.query('CREATE INDEX idx_task_assignees_user ON task_assignees (user_id, task_id)');
    await q.query(`CREATE TABLE task_labels (
      task_id varchar(36) NOT NULL, label varchar(32) NOT NULL, PRIMARY KEY (task_id, label))`);

    await q.query(`CREATE TABLE comments (
      id varchar(36) PRIMARY KEY, task_id varchar(36) NOT NULL, author_id varchar(36) NOT NULL, body text NOT NULL,
      mentions text NOT NULL, created_at varchar(24) NOT NULL, edited_at varchar(24))`);
    await q.query('CREATE INDEX idx_comments_task ON comments (task_id, created_at, id)');

    await q.query(`CREATE TABLE notifications (
      id varchar(36) PRIMARY KEY, user_id varchar(36) NOT NULL, kind varchar(16) NOT NULL, task_id varchar(36),
      team_id varchar(36), actor_id varchar(36), created_at varchar(24) NOT NULL, read_at varchar(24))`);
    await q.query('CREATE INDEX idx_notifications_user ON notifications (user_id, created_at, id)');
    await q.query('CREATE INDEX idx_notifications_unread ON notifications (user_id, created_at, id) WHERE read_at IS NULL');

    await q.query(`CREATE TABLE due_soon_claims (
      task_id varchar(36) NOT NULL, due_date varchar(24) NOT NULL, claimed_at varchar(24) NOT NULL,
      PRIMARY KEY (task_id, due_date))`);

    await q.query(`CREATE TABLE task_history (
      task_id varchar(36) NOT NULL, seq bigint NOT NULL, at varchar(24) NOT NULL, actor_id varchar(36) NOT NULL,
      type varchar(32) NOT NULL, changes text NOT NULL, PRIMARY KEY (task_id, seq))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['task_history', 'due_soon_claims', 'notifications', 'comments', 'task_labels', 'task_assignees']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP INDEX idx_tasks_due_open');
    for (const name of ['position', 'updated', 'due', 'priority']) {
      await q.query(`DROP INDEX idx_tasks_owner_${name}`);
      await q.query(`DROP INDEX idx_tasks_team_${name}`);
    }
    await q.query('DROP INDEX idx_tasks_position');
    for (const column of ['comment_count', 'position', 'checklist', 'labels', 'assignee_ids']) {
      await q.query(`ALTER TABLE tasks DROP COLUMN ${column}`);
    }
  }
}
