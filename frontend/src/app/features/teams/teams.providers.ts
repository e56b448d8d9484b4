import { type Provider, inject } from '@angular/core';
import { provideSessionHooks } from '../../core/session/session-hooks';
import { TeamsStore } from './data/teams-store';

/**
 * My teams load on sign-in (the task forms, names in the feed and refetches on membership events need them)
 * and are dropped on sign-out.
 */
export function provideTeams(): Provider {
  return provideSessionHooks(() => {
    const store = inject(TeamsStore);
    return { signedIn: () => store.load(), signedOut: () => store.reset() };
  });
}
