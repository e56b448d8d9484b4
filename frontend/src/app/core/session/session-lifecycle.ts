import { Injectable, inject } from '@angular/core';
import { distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { RealtimeService } from '../realtime/realtime.service';
import { SESSION_HOOKS } from './session-hooks';

/**
 * Ties the app to the session: while someone is signed in the socket is open, and the features' hooks
 * (`provideSessionHooks`) hear of every sign-in and sign-out, in the order they were provided.
 */
@Injectable({ providedIn: 'root' })
export class SessionLifecycle {
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly hooks = inject(SESSION_HOOKS, { optional: true }) ?? [];

  start(): Promise<void> {
    this.auth.user$
      .pipe(
        map((user) => user?.id ?? null),
        distinctUntilChanged(),
      )
      .subscribe((userId) => {
        if (userId) {
          this.realtime.connect();
          this.hooks.forEach((hooks) => hooks.signedIn?.());
        } else {
          this.realtime.disconnect();
          this.hooks.forEach((hooks) => hooks.signedOut?.());
        }
      });
    return this.auth.restoreSession();
  }
}
