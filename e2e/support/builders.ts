/** Builders for request bodies, so a test states only what matters to it. */
import { randomUUID } from 'node:crypto';

let counter = 0;

export type TaskBody = {
  id?: string;
  title?: string;
  description?: string;
  priority?: 'low' | 'medium' | 'high';
  dueDate?: string | null;
  teamId?: string | null;
};

export function aTask(overrides: TaskBody = {}): TaskBody {
  counter += 1;
  return { title: `Task ${counter} ${randomUUID().slice(0, 6)}`, ...overrides };
}

export function anEmail(label = 'user'): string {
  return `${label}-${randomUUID()}@example.com`;
}
