import { type Provider, inject } from '@angular/core';
import { provideSessionHooks } from '../../core/session/session-hooks';
import { ActivityService } from './activity.service';

/** The feed records from sign-in on, whatever page is open, and is emptied on sign-out. */
export function provideActivity(): Provider {
  return provideSessionHooks(() => {
    const activity = inject(ActivityService);
    return { signedOut: () => activity.reset() };
  });
}
