import type { Provider } from '@angular/core';
import { provideSessionFeature } from '../../core/session/session-hooks';

/** The feed records from sign-in on, whatever page is open, and is emptied on sign-out. */
export function provideActivity(): Provider {
  return provideSessionFeature(() => import('./activity.session').then((m) => m.activitySession));
}
