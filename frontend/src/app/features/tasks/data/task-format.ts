import type { TaskPermission, TaskPriority } from '@taskpulse/contract';

export const PRIORITY_LABELS: Record<TaskPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export const PERMISSION_LABELS: Record<TaskPermission, string> = {
  owner: 'Yours',
  team: 'Team task',
  edit: 'Shared with you (can edit)',
  view: 'Shared with you (view only)',
};

/**
 * A date picked in the UI (YYYY-MM-DD) means "by the end of that day (UTC)". The server counts a task
 * overdue once `dueDate` is in the past, so midnight would make a task due today overdue all day.
 */
export function dueDateFromInput(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : null;
}

/** The UTC calendar day of a due date, as a date input expects it. */
export function dueDateToInput(dueDate: string | null): string {
  return dueDate ? new Date(dueDate).toISOString().slice(0, 10) : '';
}

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDueDate(dueDate: string): string {
  return DAY_FORMAT.format(new Date(dueDate));
}
