/** Task shapes only the client has: the list query and what the forms send. */
import type { ChecklistItem, TaskPriority, TaskSort, TaskStatus } from '@taskpulse/contract';

export type TaskScope = 'all' | 'mine' | 'shared' | 'team';

export interface TaskQuery {
  scope: TaskScope;
  status: TaskStatus | '';
  q: string;
  teamId: string | null;
  /** `me` or a user id; null: anyone's. */
  assignee: string | null;
  /** One label (matched case-insensitively); '' for any. */
  label: string;
  sort: TaskSort;
}

export interface TaskDraft {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string | null;
  teamId: string | null;
}

export type TaskChanges = Partial<
  TaskDraft & { status: TaskStatus; assigneeIds: readonly string[]; labels: readonly string[]; checklist: readonly ChecklistItem[] }
>;
