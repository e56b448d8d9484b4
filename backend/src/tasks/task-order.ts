import type { TaskSort } from '@taskpulse/contract';

/**
 * The list orders of `GET /api/tasks?sort=`, each a keyset over expressions of the task row, ending with the id so
 * it is total. Every order runs one way (all ascending or all descending), so each visibility set reads it from
 * one index (owner_id, …) or (team_id, …) created by migration 1767000000000; the expressions here are the
 * indexed ones, spelled the same.
 */
const NO_DUE_DATE = "'9999-12-31T23:59:59.999Z'";

/** The due date, none sorting last. `alias` is the table alias with its dot ('t.') or '' (in an index). */
export const dueSortKey = (alias: string) => `COALESCE(${alias}due_date, ${NO_DUE_DATE})`;
/** The priority as a number, high first in a descending order. */
export const prioritySortKey = (alias: string) => `CASE ${alias}priority WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`;

export interface OrderKey {
  /** The name the cursor carries it under, and how to read it from a task row. */
  name: string;
  /** The SQL expression over the task alias `t`. */
  expression: string;
}

export interface TaskOrder {
  sort: TaskSort;
  direction: 'ASC' | 'DESC';
  keys: readonly OrderKey[];
}

const key = (name: string, expression: string): OrderKey => ({ name, expression });
const id = key('id', 't.id');

export const taskOrders: Record<TaskSort, TaskOrder> = {
  created: { sort: 'created', direction: 'DESC', keys: [key('created_at', 't.created_at'), id] },
  position: { sort: 'position', direction: 'ASC', keys: [key('position', 't.position'), id] },
  due: { sort: 'due', direction: 'ASC', keys: [key('due', dueSortKey('t.')), id] },
  priority: {
    sort: 'priority',
    direction: 'DESC',
    keys: [key('priority', prioritySortKey('t.')), key('created_at', 't.created_at'), id],
  },
  updated: { sort: 'updated', direction: 'DESC', keys: [key('updated_at', 't.updated_at'), id] },
};

const priorityRank = { high: 3, medium: 2, low: 1 } as const;

/** The sort-key values of a task, in the order's key order: what a cursor after it carries. */
export function sortValues(
  order: TaskOrder,
  task: { id: string; createdAt: string; updatedAt: string; position: string; dueDate: string | null; priority: keyof typeof priorityRank },
): Array<string | number> {
  return order.keys.map((k) => {
    switch (k.name) {
      case 'created_at':
        return task.createdAt;
      case 'updated_at':
        return task.updatedAt;
      case 'position':
        return task.position;
      case 'due':
        return task.dueDate ?? NO_DUE_DATE.slice(1, -1);
      case 'priority':
        return priorityRank[task.priority];
      default:
        return task.id;
    }
  });
}
