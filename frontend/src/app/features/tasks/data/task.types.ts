/** Task shapes only the client has: the list query and what the forms send. */
import type { TaskPriority, TaskStatus } from '@taskpulse/contract';

export type TaskScope = 'all' | 'mine' | 'shared' | 'team';

export interface TaskQuery {
  scope: TaskScope;
  status: TaskStatus | '';
  q: string;
  teamId: string | null;
}

export interface TaskDraft {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string | null;
  teamId: string | null;
}

export type TaskChanges = Partial<TaskDraft & { status: TaskStatus }>;
