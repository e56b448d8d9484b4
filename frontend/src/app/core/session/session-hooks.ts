import { InjectionToken, type Provider } from '@angular/core';

/** What a feature does when someone signs in (or a session is restored) and when the session ends. */
export interface SessionHooks {
  signedIn?(): void;
  /** Forget everything of that user. */
  signedOut?(): void;
}

/** Builds a feature's hooks; runs in an injection context. */
export type SessionHooksFactory = () => SessionHooks;

/** Loads a feature's hooks factory: a dynamic import, so the feature's code is not part of the first download. */
export type SessionFeatureLoader = () => Promise<SessionHooksFactory>;

/** Registered by features, run by `SessionLifecycle`; core never names a feature. */
export const SESSION_FEATURES = new InjectionToken<readonly SessionFeatureLoader[]>('SESSION_FEATURES');

/**
 * Adds a feature's hooks. Its code is loaded and the factory run when the first session starts (a sign-in or
 * a restored session), before the socket connects: the services it injects exist from then on and see every
 * live event, not only those after their page first opens. The sign-in page never waits for them.
 */
export function provideSessionFeature(load: SessionFeatureLoader): Provider {
  return { provide: SESSION_FEATURES, useValue: load, multi: true };
}
