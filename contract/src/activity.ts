import type { ChecklistItem, TaskPriority, TaskStatus } from './task';
import type { EventActor, LoggedEventType, LoggedServerMessage } from './realtime';

/** `GET /api/activity`: the logged events the caller received, newest first, as the socket sent them. */
export interface ActivityPage {
  items: LoggedServerMessage[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  next_before: number | null;
}

/** A task field as recorded in its history. */
export type HistoryField =
  'title' | 'description' | 'status' | 'priority' | 'dueDate' | 'teamId' | 'assigneeIds' | 'labels' | 'checklist' | 'position' | 'ownerId';

export type HistoryValue = string | null | string[] | ChecklistItem[] | TaskStatus | TaskPriority;

/** `GET /api/tasks/:id/history`, one entry: the fields one logged change changed, each `[old, new]`. */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: EventActor | null;
  type: LoggedEventType;
  changes: Partial<Record<HistoryField, [HistoryValue, HistoryValue]>>;
}
