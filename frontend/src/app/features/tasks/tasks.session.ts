import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { TaskStore } from './data/task-store';

export function tasksSession(): SessionHooks {
  const store = inject(TaskStore);
  return { signedOut: () => store.reset() };
}
