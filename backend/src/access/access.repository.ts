import { Injectable } from '@nestjs/common';
import type { SharePermission, TeamRole } from '@taskpulse/contract';
import type { Row, Sql, Statement } from '../platform/database/sql-database';
import type { TaskEntity } from '../tasks/task.entity';
import { type Access, accessFrom } from './access-policy';

/** The columns of a task (alias t), as `toTaskEntity` reads them. */
export const taskColumns =
  't.id, t.title, t.description, t.status, t.priority, t.due_date, t.owner_id, t.team_id, t.created_at, t.updated_at, ' +
  't.completed_at, t.version, t.assignee_ids, t.labels, t.checklist, t.position, t.comment_count';

/** The columns of a task with the facts the reader's access is derived from (aliases: t task, s share, tm membership). */
export const visibleTaskColumns = `${taskColumns}, s.permission AS share_permission, tm.role AS team_role`;

/** Joins the reader's (:userId) share of `t` and membership of its team. */
export const readerFacts = `LEFT JOIN task_shares s ON s.task_id = t.id AND s.user_id = :userId
  LEFT JOIN team_members tm ON tm.team_id = t.team_id AND tm.user_id = :userId`;

export interface VisibleTaskRow {
  id: string;
  title: string;
  description: string;
  status: TaskEntity['status'];
  priority: TaskEntity['priority'];
  due_date: string | null;
  owner_id: string;
  team_id: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  version: number | string;
  assignee_ids: string;
  labels: string;
  checklist: string;
  position: string;
  comment_count: number | string;
  share_permission: SharePermission | null;
  team_role: TeamRole | null;
}

/** A task with the reader's access to it. */
export interface VisibleTask {
  task: TaskEntity;
  access: Access;
}

export function toTaskEntity(row: Omit<VisibleTaskRow, 'share_permission' | 'team_role'>): TaskEntity {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueDate: row.due_date,
    ownerId: row.owner_id,
    teamId: row.team_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    version: Number(row.version),
    assigneeIds: JSON.parse(row.assignee_ids) as string[],
    labels: JSON.parse(row.labels) as string[],
    checklist: JSON.parse(row.checklist) as TaskEntity['checklist'],
    position: row.position,
    commentCount: Number(row.comment_count),
  };
}

/** The task of a row read for `userId`, with that user's access; null when the facts give none. */
export function toVisibleTask(row: VisibleTaskRow, userId: string): VisibleTask | null {
  const access = accessFrom({ isOwner: row.owner_id === userId, share: row.share_permission, teamRole: row.team_role });
  return access ? { task: toTaskEntity(row), access } : null;
}

/** The reads behind "who may see this task, and how". */
@Injectable()
export class AccessRepository {
  /** One task with the reader's access facts. */
  taskStatement(taskId: string, userId: string): Statement {
    return { sql: `SELECT ${visibleTaskColumns} FROM tasks t ${readerFacts} WHERE t.id = :taskId`, params: { taskId, userId } };
  }

  toVisibleTask(rows: Row[], userId: string): VisibleTask | null {
    return rows.length === 0 ? null : toVisibleTask(rows[0] as unknown as VisibleTaskRow, userId);
  }

  /** The task about to change, locked until the transaction ends, with the changer's access facts. */
  async lockTask(tx: Sql, taskId: string, userId: string): Promise<VisibleTask | null> {
    const rows = await tx.query<VisibleTaskRow>(
      `SELECT ${visibleTaskColumns} FROM tasks t ${readerFacts} WHERE t.id = :taskId${tx.lock('update', 't')}`,
      { taskId, userId },
    );
    return rows.length === 0 ? null : toVisibleTask(rows[0], userId);
  }

  /** One task with the reader's access facts, read inside a transaction without locking it. */
  async readTask(tx: Sql, taskId: string, userId: string): Promise<VisibleTask | null> {
    const rows = await tx.query<VisibleTaskRow>(`SELECT ${visibleTaskColumns} FROM tasks t ${readerFacts} WHERE t.id = :taskId`, {
      taskId,
      userId,
    });
    return rows.length === 0 ? null : toVisibleTask(rows[0], userId);
  }

  /** Which of `userIds` could see a task owned by `ownerId` in `teamId` with its current shares. */
  async whoCanSee(tx: Sql, task: { id: string; ownerId: string; teamId: string | null }, userIds: readonly string[]): Promise<Set<string>> {
    const seeing = new Set(userIds.filter((id) => id === task.ownerId));
    const others = userIds.filter((id) => id !== task.ownerId);
    if (others.length === 0) return seeing;
    const shared = await tx.query<{ user_id: string }>(
      'SELECT user_id FROM task_shares WHERE task_id = :taskId AND user_id IN (:...others)',
      {
        taskId: task.id,
        others,
      },
    );
    const members = task.teamId
      ? await tx.query<{ user_id: string }>('SELECT user_id FROM team_members WHERE team_id = :teamId AND user_id IN (:...others)', {
          teamId: task.teamId,
          others,
        })
      : [];
    for (const row of [...shared, ...members]) seeing.add(row.user_id);
    return seeing;
  }

  /** A user's role in a team; with `lock`, the membership cannot be removed until the transaction ends. */
  async teamRole(tx: Sql, teamId: string, userId: string, lock = false): Promise<TeamRole | null> {
    const [member] = await tx.query<{ role: TeamRole }>(
      `SELECT role FROM team_members WHERE team_id = :teamId AND user_id = :userId${lock ? tx.lock('share') : ''}`,
      { teamId, userId },
    );
    return member?.role ?? null;
  }

  /** Everyone the task is shared with. */
  async sharesOf(tx: Sql, taskId: string): Promise<Array<{ userId: string; permission: SharePermission }>> {
    const rows = await tx.query<{ user_id: string; permission: SharePermission }>(
      'SELECT user_id, permission FROM task_shares WHERE task_id = :taskId',
      { taskId },
    );
    return rows.map((row) => ({ userId: row.user_id, permission: row.permission }));
  }
}
