import { inject } from '@angular/core';
import type { SessionHooks } from '../../core/session/session-hooks';
import { ActivityService } from './activity.service';

export function activitySession(): SessionHooks {
  const activity = inject(ActivityService);
  return { signedIn: () => activity.load(), signedOut: () => activity.reset() };
}
