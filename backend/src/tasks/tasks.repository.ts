import { Injectable } from '@nestjs/common';
import type { Sql } from '../platform/database/sql-database';
import type { TaskEntity } from './task.entity';

const columns: ReadonlyArray<[keyof TaskEntity, string]> = [
  ['id', 'id'],
  ['title', 'title'],
  ['description', 'description'],
  ['status', 'status'],
  ['priority', 'priority'],
  ['dueDate', 'due_date'],
  ['ownerId', 'owner_id'],
  ['teamId', 'team_id'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['completedAt', 'completed_at'],
  ['version', 'version'],
  ['assigneeIds', 'assignee_ids'],
  ['labels', 'labels'],
  ['checklist', 'checklist'],
  ['position', 'position'],
  ['commentCount', 'comment_count'],
];
const jsonFields = new Set<keyof TaskEntity>(['assigneeIds', 'labels', 'checklist']);

/** The row's values: the list fields as JSON text. */
function stored(values: Partial<TaskEntity>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [field, jsonFields.has(field as keyof TaskEntity) ? JSON.stringify(value) : value]),
  );
}
const columnOf = new Map(columns);

/** Every statement that writes `tasks` (the reads that decide access and list visible tasks are access/'s). */
@Injectable()
export class TasksRepository {
  async ownerOf(tx: Sql, id: string): Promise<string | null> {
    const [row] = await tx.query<{ owner_id: string }>('SELECT owner_id FROM tasks WHERE id = :id', { id });
    return row?.owner_id ?? null;
  }

  async insert(tx: Sql, task: TaskEntity): Promise<void> {
    await tx.query(
      `INSERT INTO tasks (${columns.map(([, column]) => column).join(', ')}) VALUES (${columns.map(([field]) => `:${field}`).join(', ')})`,
      stored(task),
    );
    await this.setAssignees(tx, task.id, [], task.assigneeIds);
    await this.setLabels(tx, task.id, [], task.labels);
  }

  async update(tx: Sql, id: string, changes: Partial<TaskEntity>): Promise<void> {
    const fields = Object.keys(changes) as Array<keyof TaskEntity>;
    const set = fields.map((field) => `${columnOf.get(field)} = :${field}`).join(', ');
    await tx.send(`UPDATE tasks SET ${set} WHERE id = :id`, { ...stored(changes), id });
  }

  /** Keeps task_assignees (the index of "assigned to U") in step with the task's `assigneeIds`. */
  async setAssignees(tx: Sql, taskId: string, before: readonly string[], after: readonly string[]): Promise<void> {
    const removed = before.filter((id) => !after.includes(id));
    const added = after.filter((id) => !before.includes(id));
    if (removed.length)
      await tx.send('DELETE FROM task_assignees WHERE task_id = :taskId AND user_id IN (:...removed)', { taskId, removed });
    for (const userId of added)
      await tx.send('INSERT INTO task_assignees (task_id, user_id) VALUES (:taskId, :userId)', { taskId, userId });
  }

  /** Keeps task_labels (lower-case, the index of "labelled L") in step with the task's `labels`. */
  async setLabels(tx: Sql, taskId: string, before: readonly string[], after: readonly string[]): Promise<void> {
    const lower = (labels: readonly string[]) => labels.map((label) => label.toLowerCase());
    const [was, now] = [lower(before), lower(after)];
    const removed = was.filter((label) => !now.includes(label));
    const added = now.filter((label) => !was.includes(label));
    if (removed.length) await tx.send('DELETE FROM task_labels WHERE task_id = :taskId AND label IN (:...removed)', { taskId, removed });
    for (const label of added) await tx.send('INSERT INTO task_labels (task_id, label) VALUES (:taskId, :label)', { taskId, label });
  }

  /** The last key on the board (all tasks): a new task goes after it. */
  async lastPosition(tx: Sql): Promise<string | null> {
    const [row] = await tx.query<{ position: string | null }>('SELECT MAX(position) AS position FROM tasks');
    return row?.position || null;
  }

  /** The first key on the board: a card moved to the top of a column goes before it. */
  async firstPosition(tx: Sql): Promise<string | null> {
    const [row] = await tx.query<{ position: string | null }>('SELECT MIN(position) AS position FROM tasks');
    return row?.position || null;
  }

  /** The key right after `position` on the board (all tasks, so nothing anyone sees lies between), or null. */
  async positionAfter(tx: Sql, position: string): Promise<string | null> {
    const [row] = await tx.query<{ position: string | null }>('SELECT MIN(position) AS position FROM tasks WHERE position > :position', {
      position,
    });
    return row?.position ?? null;
  }

  /**
   * Moves the task to the trash (see trash/): nobody sees it any more; its shares, assignees and labels stay for a
   * restore and go with the purge.
   */
  async delete(tx: Sql, id: string, deletedBy: string): Promise<void> {
    await tx.query('UPDATE tasks SET deleted_at = :deletedAt, deleted_by = :deletedBy WHERE id = :id', {
      id,
      deletedAt: new Date().toISOString(),
      deletedBy,
    });
  }
}
