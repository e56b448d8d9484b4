/** Tasks as the REST API and the socket carry them. */

export type TaskStatus = 'pending' | 'completed';
export type TaskPriority = 'low' | 'medium' | 'high';
/** Why a user sees a task, strongest first: owner > team > edit > view. */
export type TaskPermission = 'owner' | 'edit' | 'view' | 'team';
export type SharePermission = 'view' | 'edit';

export const taskStatuses: readonly TaskStatus[] = ['pending', 'completed'];
export const taskPriorities: readonly TaskPriority[] = ['low', 'medium', 'high'];
export const sharePermissions: readonly SharePermission[] = ['view', 'edit'];
export const taskScopes = ['all', 'mine', 'shared', 'team'] as const;
export type TaskScope = (typeof taskScopes)[number];

/** A task as one particular user sees it (REST answers and event payloads alike). */
export interface TaskDto {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  dueDate: string | null;
  ownerId: string;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
  permission: TaskPermission;
}

/** `GET /api/tasks`. */
export interface TaskPage {
  items: TaskDto[];
  next_cursor: string | null;
  /** Event-log head at the moment of the read. */
  seq: number;
}

/** `GET /api/tasks/:id/shares`, one entry. */
export interface ShareView {
  userId: string;
  email: string;
  name: string;
  permission: SharePermission;
  sharedAt: string;
}
