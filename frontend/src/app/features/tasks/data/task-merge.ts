/**
 * Three-way merge of one change against the task as it is now, field by field: base (what I saw), mine (what I
 * set), theirs (the server's). Fields only I changed are re-sent; fields both changed, to different values, are
 * a choice for the person; nothing anyone typed is dropped.
 */
import type { TaskDto } from '@taskpulse/contract';
import type { TaskChanges } from './task.types';

export type TaskField = keyof TaskChanges;

export interface FieldConflict {
  readonly field: TaskField;
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
}

export interface MergeResult {
  /** Fields to send on top of the current version. */
  readonly resend: TaskChanges;
  readonly conflicts: readonly FieldConflict[];
}

export function mergeChanges(base: TaskChanges, mine: TaskChanges, theirs: TaskDto): MergeResult {
  const resend: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(mine) as TaskField[]) {
    const now = theirs[field];
    if (same(now, mine[field])) {
      continue;
    }
    if (same(now, base[field])) {
      resend[field] = mine[field];
    } else {
      conflicts.push({ field, base: base[field], mine: mine[field], theirs: now });
    }
  }
  return { resend: resend as TaskChanges, conflicts };
}

/** The fields of `task` that `changes` sets, as they were before: what undo or a merge compares against. */
export function fieldsOf(task: TaskDto, changes: TaskChanges): TaskChanges {
  const base: Record<string, unknown> = {};
  for (const field of Object.keys(changes) as TaskField[]) {
    base[field] = task[field];
  }
  return base as TaskChanges;
}

/** Lists (assignees, labels, checklist) are the same when they hold the same items in the same order. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (a ?? null) === (b ?? null);
}
