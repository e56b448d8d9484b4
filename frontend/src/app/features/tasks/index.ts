/** What other features may use of tasks; the app itself wires the feature through tasks.routes.ts and tasks.providers.ts. */
export { type AppliedTaskEvent, type TaskMessage, TaskStore } from './data/task-store';
export { Highlights } from './data/highlights';
export { PRIORITY_LABELS, formatDueDate } from './data/task-format';
export { isOverdue } from './data/task-query';
export { useListShortcuts } from './list-shortcuts';
