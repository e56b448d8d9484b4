import { InjectionToken, type Provider } from '@angular/core';

/** What a feature does when someone signs in (or a session is restored) and when the session ends. */
export interface SessionHooks {
  signedIn?(): void;
  /** Forget everything of that user. */
  signedOut?(): void;
}

/** Registered by features, run by `SessionLifecycle`; core never names a feature. */
export const SESSION_HOOKS = new InjectionToken<readonly SessionHooks[]>('SESSION_HOOKS');

/**
 * Adds a feature's hooks. The factory runs in an injection context when the app starts, so the services it
 * injects exist from then on and see every live event, not only those after their page first loads.
 */
export function provideSessionHooks(factory: () => SessionHooks): Provider {
  return { provide: SESSION_HOOKS, useFactory: factory, multi: true };
}
