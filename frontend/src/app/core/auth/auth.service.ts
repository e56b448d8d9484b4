import { HttpBackend, HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import {
  BehaviorSubject,
  Observable,
  Subject,
  catchError,
  defer,
  finalize,
  firstValueFrom,
  from,
  map,
  of,
  shareReplay,
  switchMap,
  tap,
  throwError,
  timeout,
  TimeoutError,
} from 'rxjs';
import type { AuthResponse, User } from '../api/api.types';
import { isTransientError } from '../api/http-status';
import { OneShotTimer } from '../util/one-shot-timer';
import { RefreshTokenStore } from '../storage/refresh-token.store';

export interface Credentials {
  email: string;
  password: string;
}

export interface Registration extends Credentials {
  name: string;
}

/** Refresh this long before the access token expires (at most 10 % of its lifetime). */
const REFRESH_LEAD_MS = 60_000;
const REFRESH_LOCK = 'taskpulse-refresh';
const RESTORE_TIMEOUT_MS = 10_000;

/**
 * The session: who is signed in, the access token (memory only) and its rotation.
 * Talks to /api/auth through HttpBackend, so the auth interceptor never sees (or retries) these calls.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly router = inject(Router);
  private readonly refreshTokens = inject(RefreshTokenStore);

  private readonly userSubject = new BehaviorSubject<User | null>(null);
  private readonly tokenRefreshedSubject = new Subject<string>();
  private readonly signedOutSubject = new Subject<void>();
  private accessTokenValue: string | null = null;
  private readonly refreshTimer = new OneShotTimer();
  private refreshInFlight: Observable<string> | null = null;
  /** Bumped whenever a session ends: a refresh answer for an earlier session is dropped, never applied. */
  private sessionGeneration = 0;

  readonly user$ = this.userSubject.asObservable();
  readonly user = toSignal(this.user$, { requireSync: true });
  /** A new access token after a refresh (the socket re-authenticates with it). */
  readonly tokenRefreshed$ = this.tokenRefreshedSubject.asObservable();
  /** The session ended: sign-out here, in another tab, or a refresh the server refused. */
  readonly signedOut$ = this.signedOutSubject.asObservable();
  /** Why the last session ended, shown on the sign-in page. */
  readonly notice = signal<string | null>(null);

  constructor() {
    const removedElsewhere = this.refreshTokens.removedElsewhere$.subscribe(() => this.endSession('You signed out in another tab.'));
    inject(DestroyRef).onDestroy(() => {
      removedElsewhere.unsubscribe();
      this.refreshTimer.clear();
    });
  }

  accessToken(): string | null {
    return this.accessTokenValue;
  }

  userId(): string | null {
    return this.userSubject.value?.id ?? null;
  }

  register(registration: Registration): Observable<User> {
    return this.http.post<AuthResponse>('/api/auth/register', registration).pipe(switchMap((answer) => this.startSession(answer)));
  }

  login(credentials: Credentials): Observable<User> {
    return this.http.post<AuthResponse>('/api/auth/login', credentials).pipe(switchMap((answer) => this.startSession(answer)));
  }

  /** Whether a session is stored that `restoreSession` will try to restore. */
  hasStoredSession(): boolean {
    return this.refreshTokens.get() !== null;
  }

  /**
   * At start-up: turn a stored refresh token back into a session. Never rejects. Without a network (offline, or
   * no answer) the session opens with the stored profile and no access token: the app shows the data kept on
   * this device, and the realtime connection refreshes the token once the network is back.
   */
  restoreSession(): Promise<void> {
    if (!this.refreshTokens.get()) {
      return Promise.resolve();
    }
    const profile = this.refreshTokens.profile();
    if (profile && globalThis.navigator?.onLine === false) {
      this.userSubject.next(profile);
      return Promise.resolve();
    }
    return firstValueFrom(
      this.refresh().pipe(
        switchMap(() => (this.userSubject.value ? of(null) : this.loadMe())),
        // Never hold the app's start-up hostage to a server that does not answer.
        timeout(RESTORE_TIMEOUT_MS),
        map(() => undefined),
        catchError((error: unknown) => {
          const unanswered = isTransientError(error) || error instanceof TimeoutError;
          if (unanswered && profile && this.refreshTokens.get() && !this.userSubject.value) {
            this.userSubject.next(profile);
          }
          return of(undefined);
        }),
      ),
    );
  }

  /**
   * Rotates the refresh token and returns the new access token. Concurrent callers share one request;
   * across tabs a Web Lock serialises rotation so two tabs never spend the same refresh token.
   */
  refresh(): Observable<string> {
    this.refreshInFlight ??= defer(() => this.withRefreshLock(() => this.rotate())).pipe(
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  signOut(notice: string | null = null): void {
    const refreshToken = this.refreshTokens.get();
    if (refreshToken) {
      this.http.post('/api/auth/logout', { refresh_token: refreshToken }).subscribe({ error: () => undefined });
    }
    this.endSession(notice);
  }

  private startSession(answer: AuthResponse): Observable<User> {
    this.notice.set(null);
    this.applyTokens(answer);
    return answer.user ? of(answer.user) : this.loadMe();
  }

  private loadMe(): Observable<User> {
    return this.http.get<User>('/api/auth/me', { headers: { Authorization: `Bearer ${this.accessTokenValue}` } }).pipe(
      tap((user) => {
        this.refreshTokens.setProfile(user);
        this.userSubject.next(user);
      }),
    );
  }

  private rotate(): Observable<string> {
    // Read inside the lock: another tab may have rotated the token a moment ago.
    const refreshToken = this.refreshTokens.get();
    if (!refreshToken) {
      this.endSession('Your session has ended. Please sign in again.');
      return throwError(() => new Error('Your session has ended. Please sign in again.'));
    }
    const generation = this.sessionGeneration;
    return this.http.post<AuthResponse>('/api/auth/refresh', { refresh_token: refreshToken }).pipe(
      map((answer) => {
        if (generation !== this.sessionGeneration) {
          // Signed out while the refresh was on its way: the answer must not bring the session back. Its successor
          // token is ended too, in case the logout reached the server before the refresh did.
          this.http.post('/api/auth/logout', { refresh_token: answer.refresh_token }).subscribe({ error: () => undefined });
          throw new Error('Signed out while refreshing');
        }
        this.applyTokens(answer);
        this.tokenRefreshedSubject.next(answer.access_token);
        return answer.access_token;
      }),
      catchError((error: unknown) => {
        if (generation === this.sessionGeneration && !isTransientError(error)) {
          this.endSession('Your session has expired. Please sign in again.');
        }
        return throwError(() => error);
      }),
    );
  }

  private withRefreshLock(work: () => Observable<string>): Observable<string> {
    const locks = globalThis.navigator?.locks;
    if (!locks) {
      return work();
    }
    const locked = async (): Promise<string> => locks.request(REFRESH_LOCK, () => firstValueFrom(work()));
    return from(locked());
  }

  private applyTokens(answer: AuthResponse): void {
    this.accessTokenValue = answer.access_token;
    this.refreshTokens.set(answer.refresh_token);
    if (answer.user) {
      this.refreshTokens.setProfile(answer.user);
    }
    if (answer.user && answer.user.id !== this.userSubject.value?.id) {
      this.userSubject.next(answer.user);
    }
    this.scheduleRefresh(answer.expires_in);
  }

  private scheduleRefresh(expiresInSeconds: number): void {
    const lifetime = Math.max(0, expiresInSeconds * 1000);
    const delay = Math.max(1000, lifetime - Math.min(REFRESH_LEAD_MS, lifetime * 0.1));
    this.refreshTimer.start(delay, () => this.refresh().subscribe({ error: () => undefined }));
  }

  private endSession(notice: string | null): void {
    const hadSession = this.accessTokenValue !== null || this.userSubject.value !== null;
    this.sessionGeneration += 1;
    this.refreshTimer.clear();
    this.accessTokenValue = null;
    this.refreshTokens.clear();
    if (!hadSession) {
      return;
    }
    this.notice.set(notice);
    this.userSubject.next(null);
    this.signedOutSubject.next();
    void this.router.navigate(['/login']);
  }
}
