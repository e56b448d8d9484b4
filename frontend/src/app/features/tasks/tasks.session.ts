import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { KnownTasks } from './data/known-tasks';
import { MergeConflicts } from './data/merge-conflicts';
import { TaskStore } from './data/task-store';

export function tasksSession(): SessionHooks {
  // The store brings the task sync with it, which registers the outbox's task handler: queued changes are sent
  // from the first moment of the session, whatever page is open.
  const store = inject(TaskStore);
  const known = inject(KnownTasks);
  const conflicts = inject(MergeConflicts);
  return {
    signedIn: () => {
      void known.restore();
      void conflicts.restore();
    },
    signedOut: () => store.reset(),
  };
}
