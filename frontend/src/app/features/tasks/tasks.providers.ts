import type { Provider } from '@angular/core';
import { provideSessionFeature } from '../../core/session/session-hooks';

/** The store lives for the whole session, keeping events that arrive before the tasks page opens; sign-out clears it. */
export function provideTasks(): Provider {
  return provideSessionFeature(() => import('./tasks.session').then((m) => m.tasksSession));
}
