/** Tasks as the REST API and the socket carry them. */

export type TaskStatus = 'pending' | 'in_progress' | 'completed';
export type TaskPriority = 'low' | 'medium' | 'high';
/** Why a user sees a task, strongest first: owner > team > edit > view. */
export type TaskPermission = 'owner' | 'edit' | 'view' | 'team';
export type SharePermission = 'view' | 'edit';

export const taskStatuses: readonly TaskStatus[] = ['pending', 'in_progress', 'completed'];
export const taskPriorities: readonly TaskPriority[] = ['low', 'medium', 'high'];
export const sharePermissions: readonly SharePermission[] = ['view', 'edit'];
/** `GET /api/tasks?sort=`: created (newest first, the default), position (board order), due (soonest first, none last),
 * priority (high first), updated (most recently changed first). */
export const taskSorts = ['created', 'position', 'due', 'priority', 'updated'] as const;
export type TaskSort = (typeof taskSorts)[number];

/** Limits of the part 2 fields. */
export const taskLimits = { assignees: 20, labels: 20, labelLength: 32, checklist: 100, checklistText: 200 } as const;

/** One item of a task's checklist; the list is replaced as a whole by PATCH. */
export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
}

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
  /** Who is doing it (≤ 20), each someone who could see the task when assigned. */
  assigneeIds: string[];
  /** ≤ 20, each 1..32 characters, unique case-insensitively, in the order given. */
  labels: string[];
  checklist: ChecklistItem[];
  /** Board order key: tasks sort by it ascending (byte order) within a status column. */
  position: string;
  commentCount: number;
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
