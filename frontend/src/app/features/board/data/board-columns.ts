/** The board's columns and order: pure functions over tasks, shared by the store and its specs. */
import type { TaskDto, TaskStatus } from '@taskpulse/contract';

export interface BoardColumn {
  status: TaskStatus;
  title: string;
}

export const BOARD_COLUMNS: readonly BoardColumn[] = [
  { status: 'pending', title: 'Pending' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'completed', title: 'Completed' },
];

export type Columns = Readonly<Record<TaskStatus, readonly TaskDto[]>>;

/** The server's order within a column: `position` ascending (byte order, as the server compares), then id. */
export function byPosition(a: TaskDto, b: TaskDto): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function columnsOf(tasks: Iterable<TaskDto>): Columns {
  const columns: Record<TaskStatus, TaskDto[]> = { pending: [], in_progress: [], completed: [] };
  for (const task of tasks) columns[task.status].push(task);
  for (const column of Object.values(columns)) column.sort(byPosition);
  return columns;
}

/** A card's move: its column, and the task it goes after there (null: the top). */
export interface BoardMove {
  status: TaskStatus;
  moveAfter: string | null;
}

/** The move that puts `task` at `index` of `status`'s column (counted as if the card were not in it). */
export function moveTo(columns: Columns, task: TaskDto, status: TaskStatus, index: number): BoardMove {
  const others = columns[status].filter((other) => other.id !== task.id);
  const at = Math.max(0, Math.min(index, others.length));
  return { status, moveAfter: at === 0 ? null : others[at - 1].id };
}

/** Whether the move leaves the card where it is. */
export function isNoMove(columns: Columns, task: TaskDto, move: BoardMove): boolean {
  if (move.status !== task.status) return false;
  const column = columns[task.status];
  const index = column.findIndex((other) => other.id === task.id);
  return (index === 0 ? null : (column[index - 1]?.id ?? null)) === move.moveAfter;
}

/**
 * Where the card shows until the server answers with its real key: right after `moveAfter` (its key with a
 * NUL appended sorts after it and before any longer key), or before every key at the top.
 */
export function provisionalPosition(columns: Columns, move: BoardMove): string {
  const after = move.moveAfter ? columns[move.status].find((task) => task.id === move.moveAfter) : undefined;
  return after ? `${after.position}\u0000` : '';
}

export type KeyboardMove = 'up' | 'down' | 'left' | 'right';

/** Alt+arrow on a focused card: up/down within its column, left/right to the same place in the next column. */
export function keyboardMove(columns: Columns, task: TaskDto, direction: KeyboardMove): BoardMove | null {
  const order = BOARD_COLUMNS.map((column) => column.status);
  const column = columns[task.status];
  const index = column.findIndex((other) => other.id === task.id);
  switch (direction) {
    case 'up':
      return index > 0 ? moveTo(columns, task, task.status, index - 1) : null;
    case 'down':
      return index >= 0 && index < column.length - 1 ? moveTo(columns, task, task.status, index + 1) : null;
    case 'left':
    case 'right': {
      const next = order[order.indexOf(task.status) + (direction === 'left' ? -1 : 1)];
      return next ? moveTo(columns, task, next, Math.max(0, index)) : null;
    }
  }
}
