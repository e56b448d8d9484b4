import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SharePermission, TeamRole } from '@taskpulse/contract';
import { query } from '../platform/database/query';
import { TaskEntity } from '../tasks/task.entity';
import { type Access, accessFrom } from './access-policy';

/**
 * FROM/WHERE of "every task :userId can see" (aliases `t` task, `s` the user's share, `tm` the user's membership
 * of the task's team), shared by the task list and the dashboard so both count the same rows. One pass with two
 * keyed joins; no task is loaded to decide.
 */
export const visibleTasksFrom = `
  FROM tasks t
  LEFT JOIN task_shares s ON s.task_id = t.id AND s.user_id = :userId
  LEFT JOIN team_members tm ON tm.team_id = t.team_id AND tm.user_id = :userId
  WHERE (t.owner_id = :userId OR s.user_id IS NOT NULL OR tm.user_id IS NOT NULL)`;

/** The way in that each list scope keeps, as a condition on `visibleTasksFrom`. */
export const visibleTaskScopes = {
  mine: 't.owner_id = :userId',
  shared: 's.user_id IS NOT NULL AND t.owner_id <> :userId',
  team: 'tm.user_id IS NOT NULL',
} as const;

/** The columns of a visible task with the facts its access is derived from. */
export const visibleTaskColumns =
  't.id, t.title, t.description, t.status, t.priority, t.due_date, t.owner_id, t.team_id, t.created_at, ' +
  't.updated_at, t.completed_at, t.version, s.permission AS share_permission, tm.role AS team_role';

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
  share_permission: SharePermission | null;
  team_role: TeamRole | null;
}

/** A task the caller can see, with the caller's access to it. */
export interface VisibleTask {
  task: TaskEntity;
  access: Access;
}

/** A row of `visibleTaskColumns` read by `userId`; `visibleTasksFrom` only yields rows with some access. */
export function toVisibleTask(row: VisibleTaskRow, userId: string): VisibleTask {
  const task: TaskEntity = {
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
  };
  const access = accessFrom({ isOwner: row.owner_id === userId, share: row.share_permission, teamRole: row.team_role });
  return { task, access: access ?? { permission: 'view', teamRole: row.team_role } };
}

/** The reads behind "who may see this task, and how". */
@Injectable()
export class AccessRepository {
  findTask(m: EntityManager, id: string): Promise<TaskEntity | null> {
    return m.findOneBy(TaskEntity, { id });
  }

  async sharePermission(m: EntityManager, taskId: string, userId: string): Promise<SharePermission | null> {
    const [share] = await query<{ permission: SharePermission }>(
      m,
      'SELECT permission FROM task_shares WHERE task_id = :taskId AND user_id = :userId',
      { taskId, userId },
    );
    return share?.permission ?? null;
  }

  async teamRole(m: EntityManager, teamId: string, userId: string): Promise<TeamRole | null> {
    const [member] = await query<{ role: TeamRole }>(m, 'SELECT role FROM team_members WHERE team_id = :teamId AND user_id = :userId', {
      teamId,
      userId,
    });
    return member?.role ?? null;
  }

  /** Everyone the task is shared with. */
  async sharesOf(m: EntityManager, taskId: string): Promise<Array<{ userId: string; permission: SharePermission }>> {
    const rows = await query<{ user_id: string; permission: SharePermission }>(
      m,
      'SELECT user_id, permission FROM task_shares WHERE task_id = :taskId',
      { taskId },
    );
    return rows.map((row) => ({ userId: row.user_id, permission: row.permission }));
  }

  /** Everyone in the team, with their role. */
  async membersOf(m: EntityManager, teamId: string): Promise<Array<{ userId: string; role: TeamRole }>> {
    const rows = await query<{ user_id: string; role: TeamRole }>(m, 'SELECT user_id, role FROM team_members WHERE team_id = :teamId', {
      teamId,
    });
    return rows.map((row) => ({ userId: row.user_id, role: row.role }));
  }
}
