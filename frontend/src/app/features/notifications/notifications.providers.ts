import type { Provider } from '@angular/core';
import { provideSessionFeature } from '../../core/session/session-hooks';

/** The bell counts from sign-in on, whatever page is open, and forgets everything on sign-out. */
export function provideNotifications(): Provider {
  return provideSessionFeature(() => import('./notifications.session').then((m) => m.notificationsSession));
}
