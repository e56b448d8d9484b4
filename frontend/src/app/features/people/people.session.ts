import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { PeopleDirectory } from './people-directory';

export function peopleSession(): SessionHooks {
  const people = inject(PeopleDirectory);
  return { signedOut: () => people.reset() };
}
