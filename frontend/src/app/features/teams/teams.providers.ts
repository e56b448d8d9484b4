import type { Provider } from '@angular/core';
import { provideSessionFeature } from '../../core/session/session-hooks';

/**
 * My teams load on sign-in (the task forms, names in the feed and refetches on membership events need them)
 * and are dropped on sign-out.
 */
export function provideTeams(): Provider {
  return provideSessionFeature(() => import('./teams.session').then((m) => m.teamsSession));
}
