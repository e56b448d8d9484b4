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
];
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
      task,
    );
  }

  async update(tx: Sql, id: string, changes: Partial<TaskEntity>): Promise<void> {
    const fields = Object.keys(changes) as Array<keyof TaskEntity>;
    const set = fields.map((field) => `${columnOf.get(field)} = :${field}`).join(', ');
    await tx.query(`UPDATE tasks SET ${set} WHERE id = :id`, { ...changes, id });
  }

  /** Moves the task to the trash (see trash/): nobody sees it any more; its shares stay for a restore. */
  async delete(tx: Sql, id: string, deletedBy: string): Promise<void> {
    await tx.query('UPDATE tasks SET deleted_at = :deletedAt, deleted_by = :deletedBy WHERE id = :id', {
      id,
      deletedAt: new Date().toISOString(),
      deletedBy,
    });
  }
}
