import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { TeamsStore } from './data/teams-store';

export function teamsSession(): SessionHooks {
  const store = inject(TeamsStore);
  return { signedIn: () => store.load(), signedOut: () => store.reset() };
}
