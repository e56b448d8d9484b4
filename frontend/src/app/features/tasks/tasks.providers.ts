import { type Provider, inject } from '@angular/core';
import { provideSessionHooks } from '../../core/session/session-hooks';
import { TaskStore } from './data/task-store';

/** The store lives for the whole session, keeping events that arrive before the tasks page opens; sign-out clears it. */
export function provideTasks(): Provider {
  return provideSessionHooks(() => {
    const store = inject(TaskStore);
    return { signedOut: () => store.reset() };
  });
}
