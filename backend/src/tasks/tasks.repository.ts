import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TaskStatus } from '@taskpulse/contract';
import {
  toVisibleTask,
  type VisibleTask,
  visibleTaskColumns,
  type VisibleTaskRow,
  visibleTasksFrom,
  visibleTaskScopes,
} from '../access/access.repository';
import { query } from '../platform/database/query';
import type { Scope } from './dto/task.dto';
import type { TaskCursor } from './task-cursor';
import { TaskEntity } from './task.entity';

/** One page of the caller's visible tasks, newest first. */
export interface TaskListFilter {
  scope?: Scope;
  status?: TaskStatus;
  teamId?: string;
  /** Case-insensitive substring of the title or the description. */
  q?: string;
  /** Only tasks after this one in the order. */
  after: TaskCursor | null;
  limit: number;
}

/** Every statement that writes `tasks` or lists them (the single-task read that decides access is AccessRepository's). */
@Injectable()
export class TasksRepository {
  findById(m: EntityManager, id: string): Promise<TaskEntity | null> {
    return m.findOneBy(TaskEntity, { id });
  }

  async insert(m: EntityManager, task: TaskEntity): Promise<void> {
    await m.insert(TaskEntity, task);
  }

  async update(m: EntityManager, id: string, changes: Partial<TaskEntity>): Promise<void> {
    await m.update(TaskEntity, { id }, changes);
  }

  /** Deletes the task and its shares. */
  async delete(m: EntityManager, id: string): Promise<void> {
    await query(m, 'DELETE FROM task_shares WHERE task_id = :id', { id });
    await m.delete(TaskEntity, { id });
  }

  async listVisible(m: EntityManager, userId: string, filter: TaskListFilter): Promise<VisibleTask[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { userId, limit: filter.limit };
    if (filter.scope && filter.scope !== 'all') where.push(visibleTaskScopes[filter.scope]);
    if (filter.status) {
      where.push('t.status = :status');
      params.status = filter.status;
    }
    if (filter.teamId) {
      where.push('t.team_id = :teamId');
      params.teamId = filter.teamId;
    }
    if (filter.q) {
      params.q = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push("(LOWER(t.title) LIKE :q ESCAPE '\\' OR LOWER(t.description) LIKE :q ESCAPE '\\')");
    }
    if (filter.after) {
      Object.assign(params, { cursorAt: filter.after.createdAt, cursorId: filter.after.id });
      where.push('(t.created_at < :cursorAt OR (t.created_at = :cursorAt AND t.id < :cursorId))');
    }
    const sql = `SELECT ${visibleTaskColumns} ${visibleTasksFrom} ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY t.created_at DESC, t.id DESC LIMIT :limit`;
    const rows = await query<VisibleTaskRow>(m, sql, params);
    return rows.map((row) => toVisibleTask(row, userId));
  }
}
