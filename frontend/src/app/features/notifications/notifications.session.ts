import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { NotificationsStore } from './notifications.store';

export function notificationsSession(): SessionHooks {
  const notifications = inject(NotificationsStore);
  return { signedIn: () => notifications.load(), signedOut: () => notifications.reset() };
}
