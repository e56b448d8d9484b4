import { type Provider, inject } from '@angular/core';
import { provideSessionHooks } from '../../core/session/session-hooks';
import { PeopleDirectory } from './people-directory';

/** Names learnt during a session are forgotten when it ends. */
export function providePeople(): Provider {
  return provideSessionHooks(() => {
    const people = inject(PeopleDirectory);
    return { signedOut: () => people.reset() };
  });
}
