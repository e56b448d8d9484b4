/** Client-side mirror of the list query, used to place live events into the loaded list. */
import type { TaskDto, TaskSort } from '@taskpulse/contract';
import type { TaskQuery } from './task.types';

export const DEFAULT_QUERY: TaskQuery = { scope: 'all', status: '', q: '', teamId: null, assignee: null, label: '', sort: 'created' };

/** A list order: negative when `a` comes first. */
export type TaskOrder = (a: TaskDto, b: TaskDto) => number;

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const NO_DUE_DATE = '9999-12-31T23:59:59.999Z';
const PRIORITY_RANK = { high: 3, medium: 2, low: 1 } as const;

/**
 * The server's order for `sort` (see `GET /api/tasks`): every key runs one way, the id last, so it is total.
 * created: newest first; position: board order; due: soonest first, none last; priority: high first, then
 * newest; updated: most recently changed first.
 */
export function orderOf(sort: TaskSort): TaskOrder {
  const keys: Record<TaskSort, (task: TaskDto) => (string | number)[]> = {
    created: (task) => [task.createdAt, task.id],
    position: (task) => [task.position, task.id],
    due: (task) => [task.dueDate ?? NO_DUE_DATE, task.id],
    priority: (task) => [PRIORITY_RANK[task.priority], task.createdAt, task.id],
    updated: (task) => [task.updatedAt, task.id],
  };
  const descending = sort === 'created' || sort === 'priority' || sort === 'updated';
  const of = keys[sort];
  return (a, b) => {
    const [ka, kb] = [of(a), of(b)];
    for (let i = 0; i < ka.length; i++) {
      const order = compare(ka[i], kb[i]);
      if (order) return descending ? -order : order;
    }
    return 0;
  };
}

/** Server order: newest first (createdAt desc, then id desc). */
export function newestFirst(a: TaskDto, b: TaskDto): number {
  if (a.createdAt !== b.createdAt) {
    return a.createdAt < b.createdAt ? 1 : -1;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Whether a task belongs in the list for this query. `strict` is for tasks we only learn about from an event;
 * tasks the server already listed are trusted on scope (a task shared with me and in my team says `team`).
 */
export function matchesQuery(task: TaskDto, query: TaskQuery, me: string | null, strict = false): boolean {
  if (query.status && task.status !== query.status) {
    return false;
  }
  if (query.teamId && task.teamId !== query.teamId) {
    return false;
  }
  if (query.assignee && !task.assigneeIds.includes(query.assignee === 'me' ? (me ?? '') : query.assignee)) {
    return false;
  }
  if (query.label && !task.labels.some((label) => label.toLowerCase() === query.label.toLowerCase())) {
    return false;
  }
  if (query.q) {
    const needle = query.q.toLowerCase();
    if (!task.title.toLowerCase().includes(needle) && !task.description.toLowerCase().includes(needle)) {
      return false;
    }
  }
  switch (query.scope) {
    case 'mine':
      return task.ownerId === me;
    case 'shared':
      return task.ownerId !== me && (!strict || task.permission === 'edit' || task.permission === 'view');
    case 'team':
      return task.teamId !== null;
    default:
      return true;
  }
}

export function isOverdue(task: TaskDto, now = Date.now()): boolean {
  return task.status !== 'completed' && task.dueDate !== null && Date.parse(task.dueDate) < now;
}
