import { DOCUMENT, DestroyRef, Injectable, inject } from '@angular/core';
import {
  BehaviorSubject,
  EMPTY,
  Observable,
  Subject,
  Subscription,
  distinctUntilChanged,
  filter,
  fromEvent,
  interval,
  map,
  share,
  switchMap,
} from 'rxjs';
import type { WebSocketSubject } from 'rxjs/webSocket';
import type { AnyServerMessage, ServerEventType, ServerMessage } from '@taskpulse/contract';
import { AuthService } from '../auth/auth.service';
import { isTransientError } from '../api/http-status';
import { UnreachableReports } from '../api/unreachable';
import { OneShotTimer } from '../util/one-shot-timer';
import {
  type ConnectionEffect,
  type ConnectionInput,
  type ConnectionState,
  type ConnectionStatus,
  type ConnectionView,
  IDLE,
  awaitsPong,
  coveredFrom,
  isSocketOpen,
  needsPolling,
  statusOf,
  viewOf,
} from './connection-state';
import { transition } from './connection-transition';
import { PING_INTERVAL_MS, POLL_INTERVAL_MS, PONG_TIMEOUT_MS } from './realtime.constants';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { type SocketFrame, parseFrame } from './socket-frame';
import { socketUrl } from './socket-url';

/**
 * The one WebSocket to /api/ws. Reconnects with capped, jittered backoff; resumes from the last applied
 * `seq`; acts on the close codes of the protocol; and says when the app must fall back to REST polling.
 * The rules live in `transition` (connection-transition.ts); this class owns the socket, the timer and the
 * token refresh those rules ask for, and turns their callbacks back into inputs.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(WEB_SOCKET_FACTORY);
  private readonly random = inject(RANDOM_SOURCE);
  private readonly document = inject(DOCUMENT);

  private readonly state = new BehaviorSubject<ConnectionState>(IDLE);
  private readonly eventsSubject = new Subject<AnyServerMessage>();
  private readonly resyncSubject = new Subject<string>();
  /** Inputs raised while one is being handled (a callback firing synchronously) wait their turn here. */
  private readonly inbox: ConnectionInput[] = [];
  private handling = false;

  private socket: WebSocketSubject<SocketFrame> | null = null;
  private socketSubscription: Subscription | null = null;
  private pingSubscription: Subscription | null = null;
  private refreshSubscription: Subscription | null = null;
  private readonly timer = new OneShotTimer();
  private readonly pongDeadline = new OneShotTimer();
  private pingCounter = 0;

  readonly status$: Observable<ConnectionStatus> = this.state.pipe(map(statusOf), distinctUntilChanged());
  /** The status and whether the browser is offline: what the connection badge shows. */
  readonly view$: Observable<ConnectionView> = this.state.pipe(
    map(viewOf),
    distinctUntilChanged((a, b) => a.status === b.status && a.offline === b.offline),
  );
  /** Every server message, logged events de-duplicated by `seq` and in order. */
  readonly events$: Observable<AnyServerMessage> = this.eventsSubject.asObservable();
  /** The log no longer reaches back to our `seq`: refetch over REST, then call `resumeFrom(seq)`. */
  readonly resync$: Observable<string> = this.resyncSubject.asObservable();
  /** True while signed in but not live: the app polls REST instead. */
  readonly pollingFallback$: Observable<boolean> = this.state.pipe(map(needsPolling), distinctUntilChanged());
  /** Ticks every 5 s while polling is needed. */
  readonly pollTick$: Observable<number> = this.pollingFallback$.pipe(
    switchMap((polling) => (polling ? interval(POLL_INTERVAL_MS) : EMPTY)),
    share(),
  );

  constructor() {
    const subscriptions = new Subscription();
    subscriptions.add(this.auth.tokenRefreshed$.subscribe((token) => this.sendAuth(token)));
    subscriptions.add(this.auth.signedOut$.subscribe(() => this.disconnect()));
    subscriptions.add(inject(UnreachableReports).reported$.subscribe(() => this.handle({ type: 'probe' })));
    const window = this.document.defaultView;
    if (window) {
      subscriptions.add(fromEvent(window, 'online').subscribe(() => this.handle({ type: 'online' })));
      subscriptions.add(fromEvent(window, 'offline').subscribe(() => this.handle({ type: 'offline' })));
    }
    inject(DestroyRef).onDestroy(() => {
      subscriptions.unsubscribe();
      this.disconnect();
    });
  }

  on<T extends ServerEventType>(type: T): Observable<ServerMessage<T>> {
    return this.events$.pipe(filter((message): message is ServerMessage<T> & AnyServerMessage => message.event_type === type));
  }

  /** Every logged event after this seq has been (or will be) delivered on `events$`; null until connected. */
  coveredSince(): number | null {
    return coveredFrom(this.state.value);
  }

  connect(): void {
    this.handle({ type: 'connect' });
  }

  /** Intentional (sign-out): close and never reconnect until `connect()` again. */
  disconnect(): void {
    this.handle({ type: 'disconnect' });
  }

  /** After the REST refetch that `resync$` asked for: resume from that answer's seq (null: from the log head). */
  resumeFrom(seq: number | null): void {
    this.handle({ type: 'resumeFrom', seq });
  }

  /** Runs inputs one at a time, each to completion: its state is published, then its effects run in order. */
  private handle(input: ConnectionInput): void {
    this.inbox.push(input);
    if (this.handling) {
      return;
    }
    this.handling = true;
    try {
      for (let next = this.inbox.shift(); next; next = this.inbox.shift()) {
        const step = transition(this.state.value, next, { token: this.auth.accessToken(), random: this.random, offline: this.offline() });
        if (step.state !== this.state.value) {
          this.state.next(step.state);
        }
        step.effects.forEach((effect) => this.run(effect));
        // Any message answers a ping: the deadline runs exactly while the state awaits a pong.
        if (!awaitsPong(this.state.value)) {
          this.pongDeadline.clear();
        }
      }
    } finally {
      this.handling = false;
    }
  }

  private run(effect: ConnectionEffect): void {
    switch (effect.type) {
      case 'openSocket':
        return this.openSocket(effect.token, effect.since);
      case 'closeSocket':
        return this.closeSocket(effect.goodbye);
      case 'startPing':
        this.pingSubscription = interval(PING_INTERVAL_MS).subscribe(() => this.handle({ type: 'pingDue' }));
        return;
      case 'sendPing':
        this.socket?.next({ type: 'ping', id: `ping-${++this.pingCounter}` });
        this.pongDeadline.start(PONG_TIMEOUT_MS, () => this.handle({ type: 'pongOverdue' }));
        return;
      case 'startTimer':
        return this.timer.start(effect.delayMs, () => this.handle({ type: 'timerFired' }));
      case 'stopTimer':
        return this.timer.clear();
      case 'refreshToken':
        return this.refreshToken();
      case 'cancelRefresh':
        this.refreshSubscription?.unsubscribe();
        this.refreshSubscription = null;
        return;
      case 'signOut':
        return this.auth.signOut(effect.notice);
      case 'deliver':
        return this.eventsSubject.next(effect.message);
      case 'resync':
        return this.resyncSubject.next(effect.reason);
    }
  }

  private openSocket(token: string, since: number | null): void {
    this.closeSocket();
    // Callbacks count only while their socket is the current one; a replaced socket's late events are ignored.
    const fromSocket = (input: ConnectionInput) => this.socket === socket && this.handle(input);
    const socket = this.createSocket({
      url: socketUrl(this.document.location, token, since),
      deserializer: parseFrame,
      openObserver: { next: () => fromSocket({ type: 'opened' }) },
      closeObserver: { next: (event) => fromSocket({ type: 'closed', code: event.code }) },
    });
    this.socket = socket;
    this.socketSubscription = socket.subscribe({
      next: (frame) => frame && 'event_type' in frame && fromSocket({ type: 'message', message: frame }),
      // The `error` event (a close also errors the stream, but by then the socket is no longer current).
      // Browsers follow it with close 1006; acting on it now also covers a socket that failed to construct.
      error: () => fromSocket({ type: 'failed' }),
    });
  }

  private closeSocket(goodbye?: { code: number; reason: string }): void {
    const { socket, socketSubscription } = this;
    this.socket = null;
    this.socketSubscription = null;
    this.pingSubscription?.unsubscribe();
    this.pingSubscription = null;
    this.pongDeadline.clear();
    if (socket && goodbye) {
      socket.error(goodbye);
    }
    socketSubscription?.unsubscribe();
  }

  private offline(): boolean {
    return this.document.defaultView?.navigator.onLine === false;
  }

  private refreshToken(): void {
    this.refreshSubscription?.unsubscribe();
    this.refreshSubscription = this.auth.refresh().subscribe({
      next: () => this.handle({ type: 'tokenRefreshed' }),
      error: (error: unknown) => this.handle({ type: 'refreshFailed', transient: isTransientError(error) }),
    });
  }

  private sendAuth(token: string): void {
    if (isSocketOpen(this.state.value)) {
      this.socket?.next({ type: 'auth', token });
    }
  }
}
