import { DOCUMENT, Injectable, inject } from '@angular/core';
import { EMPTY, Observable, filter, fromEvent, map } from 'rxjs';
import type { User } from '../api/api.types';

const KEY = 'taskpulse.refresh_token';
/** Who the stored session belongs to: lets the app open offline, before the token can be refreshed. */
const PROFILE_KEY = 'taskpulse.user';

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

  profile(): User | null {
    try {
      const value = this.window?.localStorage.getItem(PROFILE_KEY);
      return value ? (JSON.parse(value) as User) : null;
    } catch {
      return null;
    }
  }

  setProfile(user: User): void {
    try {
      this.window?.localStorage.setItem(PROFILE_KEY, JSON.stringify({ id: user.id, email: user.email, name: user.name }));
    } catch {
      // Storage disabled: the app then needs the network to open.
    }
  }

  clear(): void {
    try {
      this.window?.localStorage.removeItem(KEY);
      this.window?.localStorage.removeItem(PROFILE_KEY);
    } catch {
      // Nothing stored.
    }
  }
}
