import { EnvironmentInjector, ErrorHandler, Injectable, inject, runInInjectionContext } from '@angular/core';
import { distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import type { RealtimeService } from '../realtime/realtime.service';
import { SESSION_FEATURES, type SessionHooks } from './session-hooks';

interface Session {
  realtime: RealtimeService;
  hooks: readonly SessionHooks[];
}

/**
 * Ties the app to the session: while someone is signed in the socket is open, and the features' hooks
 * (`provideSessionFeature`) hear of every sign-in and sign-out, in the order they were provided. The socket
 * and the features are loaded on the first sign-in, so the sign-in page downloads none of them.
 */
@Injectable({ providedIn: 'root' })
export class SessionLifecycle {
  private readonly auth = inject(AuthService);
  private readonly injector = inject(EnvironmentInjector);
  private readonly errors = inject(ErrorHandler);
  private readonly loaders = inject(SESSION_FEATURES, { optional: true }) ?? [];
  private session: Promise<Session> | null = null;
  /** The socket was connected for the current session (so there is something to end). */
  private active = false;
  /** Sign-ins and sign-outs are handled one after another, each after the loading it needs. */
  private queue: Promise<void> = Promise.resolve();

  start(): Promise<void> {
    if (this.auth.hasStoredSession()) {
      // A session is about to be restored: fetch the socket and feature code alongside the token refresh.
      this.load().catch(() => undefined);
    }
    this.auth.user$
      .pipe(
        map((user) => user?.id ?? null),
        distinctUntilChanged(),
      )
      .subscribe((userId) => {
        this.queue = this.queue
          .then(() => (userId ? this.signedIn() : this.signedOut()))
          .catch((error: unknown) => this.errors.handleError(error));
      });
    return this.auth.restoreSession();
  }

  private async signedIn(): Promise<void> {
    const { realtime, hooks } = await this.load();
    if (this.auth.userId()) {
      this.active = true;
      realtime.connect();
      hooks.forEach((hook) => hook.signedIn?.());
    }
  }

  private async signedOut(): Promise<void> {
    if (this.session && this.active) {
      this.active = false;
      const { realtime, hooks } = await this.session;
      realtime.disconnect();
      hooks.forEach((hook) => hook.signedOut?.());
    }
  }

  private load(): Promise<Session> {
    this.session ??= Promise.all([import('../realtime/realtime.service'), ...this.loaders.map((load) => load())])
      .then(([{ RealtimeService }, ...factories]) => ({
        realtime: this.injector.get(RealtimeService),
        hooks: factories.map((factory) => runInInjectionContext(this.injector, factory)),
      }))
      .catch((error: unknown) => {
        // Try again on the next sign-in (e.g. the chunks could not be fetched while offline).
        this.session = null;
        throw error;
      });
    return this.session;
  }
}
