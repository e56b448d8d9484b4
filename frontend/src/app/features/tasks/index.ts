/** What other features may use of tasks; the app itself wires the feature through tasks.routes.ts and tasks.providers.ts. */
export { type AppliedTaskEvent, type TaskMessage, TaskStore } from './data/task-store';
