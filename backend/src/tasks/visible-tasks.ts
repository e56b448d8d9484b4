import type { SharePermission, TaskPermission, TeamRole } from '@taskpulse/contract';
import { strongest } from '../sharing/audience';
import type { TaskEntity } from './task.entity';

/**
 * FROM/WHERE of "every task :userId can see", shared by the task list and the dashboard so both count
 * the same rows. One pass with two keyed joins; no task is loaded to decide.
 */
export const visibleTasksFrom = `
  FROM tasks t
  LEFT JOIN task_shares s ON s.task_id = t.id AND s.user_id = :userId
  LEFT JOIN team_members tm ON tm.team_id = t.team_id AND tm.user_id = :userId
  WHERE (t.owner_id = :userId OR s.user_id IS NOT NULL OR tm.user_id IS NOT NULL)`;

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

export const visibleTaskColumns =
  't.id, t.title, t.description, t.status, t.priority, t.due_date, t.owner_id, t.team_id, t.created_at, ' +
  't.updated_at, t.completed_at, t.version, s.permission AS share_permission, tm.role AS team_role';

export function rowToEntity(row: VisibleTaskRow): TaskEntity {
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
  };
}

export function rowPermission(row: VisibleTaskRow, userId: string): TaskPermission {
  let permission: TaskPermission | undefined = row.owner_id === userId ? 'owner' : undefined;
  if (row.team_role) permission = strongest(permission, 'team');
  if (row.share_permission) permission = strongest(permission, row.share_permission);
  return permission ?? 'view';
}
