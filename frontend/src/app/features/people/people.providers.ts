import type { Provider } from '@angular/core';
import { provideSessionFeature } from '../../core/session/session-hooks';

/** Names learnt during a session are forgotten when it ends. */
export function providePeople(): Provider {
  return provideSessionFeature(() => import('./people.session').then((m) => m.peopleSession));
}
