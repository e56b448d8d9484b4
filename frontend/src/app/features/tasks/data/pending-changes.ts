/**
 * The user's queued task changes (outbox entries of kind `task`) and what the screen shows with them: the
 * server's last word with every queued change applied on top, in order. When a change is accepted its entry
 * goes and the server's answer takes its place; when it is refused the entry goes and the screen rolls back.
 */
import type { SharePermission, TaskDto } from '@taskpulse/contract';
import type { OutboxEntry } from '../../../core/storage/outbox-entry';
import type { LoadedTasks } from './loaded-tasks';
import type { TaskChanges, TaskQuery } from './task.types';
import { matchesQuery, orderOf } from './task-query';

export const TASK_OUTBOX_KIND = 'task';

export type TaskChange =
  | { readonly op: 'create'; readonly taskId: string; readonly task: TaskDto }
  | {
      readonly op: 'update';
      readonly taskId: string;
      /** The changed fields as I saw them before (the merge's base, and what undo goes back to). */
      readonly base: TaskChanges;
      readonly changes: TaskChanges;
      /** The version the change was made on: sent when the task is not known here any more. */
      readonly version: number;
      readonly title: string;
    }
  | { readonly op: 'delete'; readonly taskId: string; readonly task: TaskDto }
  | { readonly op: 'restore'; readonly taskId: string; readonly task: TaskDto }
  | { readonly op: 'leave'; readonly taskId: string; readonly task: TaskDto }
  | {
      readonly op: 'share';
      readonly taskId: string;
      readonly email: string;
      readonly permission: SharePermission;
      readonly title: string;
    };

export type TaskEntry = OutboxEntry<TaskChange>;

export function taskEntries(entries: readonly OutboxEntry[]): TaskEntry[] {
  return entries.filter((entry): entry is TaskEntry => entry.kind === TASK_OUTBOX_KIND);
}

/** A task with the queued changes applied: null when a queued change removes it, undefined when unknown. */
export function withPending(confirmed: TaskDto | undefined, changes: readonly TaskChange[]): TaskDto | null | undefined {
  let task: TaskDto | null | undefined = confirmed;
  for (const change of changes) {
    switch (change.op) {
      case 'create':
      case 'restore':
        task = task ?? change.task;
        break;
      case 'update':
        task = task ? { ...task, ...(change.changes as Partial<TaskDto>) } : task;
        break;
      case 'delete':
      case 'leave':
        task = null;
        break;
      case 'share':
        break;
    }
  }
  return task;
}

/** Queued changes by task id, in order. */
export function changesByTask(entries: readonly TaskEntry[]): Map<string, TaskChange[]> {
  const byTask = new Map<string, TaskChange[]>();
  for (const { meta } of entries) {
    byTask.set(meta.taskId, [...(byTask.get(meta.taskId) ?? []), meta]);
  }
  return byTask;
}

/** What a change is called in a message: "“Buy milk”". */
export function titleOf(change: TaskChange): string {
  return 'task' in change ? change.task.title : change.title;
}

/** A list as the person sees it: the loaded tasks with the queued changes on top, and tasks added here not listed yet. */
export function shownTasks(
  loaded: LoadedTasks,
  pending: ReadonlyMap<string, TaskChange[]>,
  query: TaskQuery,
  me: string | null,
): TaskDto[] {
  const shown: TaskDto[] = [];
  for (const task of loaded.all()) {
    const now = withPending(task, pending.get(task.id) ?? []);
    if (now) shown.push(now);
  }
  for (const [id, changes] of pending) {
    const now = loaded.get(id) ? null : withPending(undefined, changes);
    if (now && matchesQuery(now, query, me, true)) shown.push(now);
  }
  return shown.filter((task) => matchesQuery(task, query, me)).sort(orderOf(query.sort));
}
