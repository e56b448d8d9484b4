import { DOCUMENT, Injectable, inject } from '@angular/core';
import { EMPTY, Observable, filter, fromEvent, map } from 'rxjs';

const KEY = 'taskpulse.refresh_token';

/**
 * Where the refresh token lives: localStorage, so a session survives a reload and is shared by tabs.
 * The risk (readable by script on this origin) is bounded on the server: refresh tokens rotate on every
 * use and reusing a spent one revokes the whole token family, so a stolen copy works at most once and
 * ends the session for everyone holding it. The short-lived access token is kept in memory only.
 */
@Injectable({ providedIn: 'root' })
export class RefreshTokenStore {
  private readonly window = inject(DOCUMENT).defaultView;

  /** Emits when another tab removed the token (it signed out). */
  readonly removedElsewhere$: Observable<void> = this.window
    ? fromEvent<StorageEvent>(this.window, 'storage').pipe(
        filter((event) => event.key === KEY && event.newValue === null),
        map(() => undefined),
      )
    : EMPTY;

  get(): string | null {
    try {
      return this.window?.localStorage.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  }

  set(token: string): void {
    try {
      this.window?.localStorage.setItem(KEY, token);
    } catch {
      // Storage disabled (private mode): the session then lasts until reload.
    }
  }

  clear(): void {
    try {
      this.window?.localStorage.removeItem(KEY);
    } catch {
      // Nothing stored.
    }
  }
}
