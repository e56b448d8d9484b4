/** Client-side mirror of the list query, used to place live events into the loaded list. */
import type { TaskDto } from '@taskpulse/contract';
import type { TaskQuery } from './task.types';

export const DEFAULT_QUERY: TaskQuery = { scope: 'all', status: '', q: '', teamId: null };

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
  return task.status === 'pending' && task.dueDate !== null && Date.parse(task.dueDate) < now;
}
