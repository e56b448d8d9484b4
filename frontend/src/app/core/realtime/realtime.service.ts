import { DOCUMENT, DestroyRef, Injectable, inject } from '@angular/core';
import {
  BehaviorSubject, EMPTY, Observable, Subject, Subscription, combineLatest, distinctUntilChanged, filter, fromEvent,
  interval, map, share, switchMap,
} from 'rxjs';
import type { WebSocketSubject } from 'rxjs/webSocket';
import {
  type AnyServerMessage, type ConnectionAckData, type ServerEventType, type ServerMessage, closeCodes, isLoggedEvent,
} from '@taskpulse/contract';
import { AuthService } from '../auth/auth.service';
import { isTransientError } from '../api/http-errors';
import { OneShotTimer } from './one-shot-timer';
import {
  Backoff, type ConnectionStatus, PING_INTERVAL_MS, POLL_INTERVAL_MS, RANDOM_SOURCE, RESYNC_GRACE_MS, type SocketFrame,
  WEB_SOCKET_FACTORY, parseFrame, socketUrl,
} from './realtime.config';

/** Closes shown as `error` (the others that back off are shown as `disconnected`). */
const ERROR_CLOSE_CODES = new Set<number>([closeCodes.POLICY_VIOLATION, closeCodes.MESSAGE_TOO_BIG, closeCodes.INTERNAL_ERROR]);

/**
 * The one WebSocket to /api/ws. Reconnects with capped, jittered backoff; resumes from the last applied
 * `seq`; acts on the close codes of the protocol; and says when the app must fall back to REST polling.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(WEB_SOCKET_FACTORY);
  private readonly document = inject(DOCUMENT);

  private readonly statusSubject = new BehaviorSubject<ConnectionStatus>('disconnected');
  private readonly eventsSubject = new Subject<AnyServerMessage>();
  private readonly resyncSubject = new Subject<string>();
  private readonly sessionActive = new BehaviorSubject(false);

  private socket: WebSocketSubject<SocketFrame> | null = null;
  private socketSubscription: Subscription | null = null;
  private pingSubscription: Subscription | null = null;
  private refreshSubscription: Subscription | null = null;
  private readonly reconnectTimer = new OneShotTimer();
  private readonly resyncTimer = new OneShotTimer();
  private readonly backoff = new Backoff(inject(RANDOM_SOURCE));
  /** Bumped whenever a socket is dropped, so late callbacks of an old socket are ignored. */
  private generation = 0;
  private opened = false;
  private autoReconnect = false;
  private awaitingResync = false;
  private authRetries = 0;
  private pingCounter = 0;
  private awaitingPong = false;
  private lastSeq: number | null = null;
  private sinceOfCurrentSocket: number | null = null;
  private coveredFrom: number | null = null;

  readonly status$: Observable<ConnectionStatus> = this.statusSubject.pipe(distinctUntilChanged());
  /** Every server message, logged events de-duplicated by `seq` and in order. */
  readonly events$: Observable<AnyServerMessage> = this.eventsSubject.asObservable();
  /** The log no longer reaches back to our `seq`: refetch over REST, then call `resumeFrom(seq)`. */
  readonly resync$: Observable<string> = this.resyncSubject.asObservable();
  /** True while signed in but not live: the app polls REST instead. */
  readonly pollingFallback$: Observable<boolean> = combineLatest([this.sessionActive, this.status$]).pipe(
    map(([active, status]) => active && status !== 'connected'),
    distinctUntilChanged(),
  );
  /** Ticks every 5 s while polling is needed. */
  readonly pollTick$: Observable<number> = this.pollingFallback$.pipe(
    switchMap((polling) => (polling ? interval(POLL_INTERVAL_MS) : EMPTY)),
    share(),
  );

  constructor() {
    const subscriptions = new Subscription();
    subscriptions.add(this.auth.tokenRefreshed$.subscribe((token) => this.sendAuth(token)));
    subscriptions.add(this.auth.signedOut$.subscribe(() => this.disconnect()));
    const window = this.document.defaultView;
    if (window) {
      subscriptions.add(fromEvent(window, 'online').subscribe(() => this.reconnectNow()));
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
    return this.coveredFrom;
  }

  connect(): void {
    if (this.sessionActive.value) {
      return;
    }
    this.sessionActive.next(true);
    this.autoReconnect = true;
    this.backoff.reset();
    this.open();
  }

  /** Intentional (sign-out): close and never reconnect until `connect()` again. */
  disconnect(): void {
    this.autoReconnect = false;
    this.awaitingResync = false;
    this.reconnectTimer.clear();
    this.resyncTimer.clear();
    this.refreshSubscription?.unsubscribe();
    if (this.socket && this.opened) {
      this.socket.error({ code: closeCodes.NORMAL, reason: 'client disconnect' });
    }
    this.dropSocket();
    this.lastSeq = null;
    this.coveredFrom = null;
    this.sessionActive.next(false);
    this.statusSubject.next('disconnected');
  }

  /** After the REST refetch that `resync$` asked for: resume from that answer's seq (null: from the log head). */
  resumeFrom(seq: number | null): void {
    if (!this.awaitingResync) {
      return;
    }
    this.awaitingResync = false;
    this.resyncTimer.clear();
    this.lastSeq = seq;
    if (this.autoReconnect) {
      this.open();
    }
  }

  private open(): void {
    this.reconnectTimer.clear();
    this.dropSocket();
    const token = this.auth.accessToken();
    if (!token) {
      this.reauthenticate();
      return;
    }
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.sinceOfCurrentSocket = this.lastSeq;
    this.statusSubject.next('connecting');
    this.socket = this.createSocket({
      url: socketUrl(this.document.location, token, this.lastSeq),
      deserializer: parseFrame,
      openObserver: { next: () => current() && this.onOpen() },
      closeObserver: { next: (event) => current() && this.onClose(event.code) },
    });
    this.socketSubscription = this.socket.subscribe({
      next: (frame) => frame && 'event_type' in frame && current() && this.onMessage(frame),
      // The `error` event (a close also errors the stream, but onClose has dropped the socket by then).
      // Browsers follow it with close 1006; acting on it now also covers a socket that failed to construct.
      error: () => {
        if (current()) {
          this.statusSubject.next('error');
          this.onClose(1006);
        }
      },
    });
  }

  private onOpen(): void {
    this.opened = true;
    this.pingSubscription = interval(PING_INTERVAL_MS).subscribe(() => this.ping());
  }

  private onMessage(message: AnyServerMessage): void {
    this.awaitingPong = false;
    if (isLoggedEvent(message)) {
      if (this.lastSeq !== null && message.seq <= this.lastSeq) {
        return;
      }
      this.lastSeq = message.seq;
    } else if (message.event_type === 'connection_ack') {
      this.onAck(message.data);
    } else if (message.event_type === 'resync_required') {
      this.beginResync();
      this.eventsSubject.next(message);
      this.resyncSubject.next(message.data.reason);
      return;
    }
    this.eventsSubject.next(message);
  }

  private onAck(ack: ConnectionAckData): void {
    this.backoff.reset();
    this.authRetries = 0;
    if (this.sinceOfCurrentSocket === null) {
      this.lastSeq = this.coveredFrom = ack.seq;
    } else {
      this.coveredFrom ??= this.sinceOfCurrentSocket;
    }
    this.statusSubject.next('connected');
  }

  private onClose(code: number): void {
    const failed = this.statusSubject.value === 'error' || ERROR_CLOSE_CODES.has(code);
    this.dropSocket();
    if (!this.autoReconnect) {
      this.statusSubject.next('disconnected');
      return;
    }
    switch (code) {
      case closeCodes.NORMAL:
        this.autoReconnect = false;
        this.statusSubject.next('disconnected');
        return;
      case closeCodes.GOING_AWAY:
        this.open();
        return;
      case closeCodes.TOKEN_INVALID:
        this.reauthenticate();
        return;
      case closeCodes.FORBIDDEN_USER:
        this.autoReconnect = false;
        this.statusSubject.next('disconnected');
        this.auth.signOut('You were signed out: the session belongs to another user.');
        return;
      default:
        this.statusSubject.next(failed ? 'error' : 'disconnected');
        this.scheduleReconnect(this.backoff.next());
    }
  }

  /** 4401 (or no token yet): refresh the access token, then reconnect; a refused refresh ends the session. */
  private reauthenticate(): void {
    this.statusSubject.next('connecting');
    const delay = this.authRetries++ === 0 ? 0 : this.backoff.next();
    this.refreshSubscription?.unsubscribe();
    this.refreshSubscription = this.auth.refresh().subscribe({
      next: () => this.autoReconnect && (delay === 0 ? this.open() : this.scheduleReconnect(delay)),
      error: (error: unknown) => {
        if (!this.autoReconnect) {
          return;
        }
        if (isTransientError(error)) {
          this.statusSubject.next('disconnected');
          this.scheduleReconnect(this.backoff.next());
        } else {
          this.autoReconnect = false;
          this.auth.signOut('Your session has expired. Please sign in again.');
        }
      },
    });
  }

  private beginResync(): void {
    this.dropSocket();
    this.statusSubject.next('connecting');
    this.lastSeq = null;
    this.coveredFrom = null;
    this.awaitingResync = true;
    this.resyncTimer.start(RESYNC_GRACE_MS, () => this.resumeFrom(null));
  }

  private ping(): void {
    if (this.awaitingPong) {
      // No answer for a whole interval: the connection is dead even if the browser has not noticed.
      this.dropSocket();
      this.statusSubject.next('disconnected');
      this.scheduleReconnect(this.backoff.next());
      return;
    }
    this.awaitingPong = true;
    this.socket?.next({ type: 'ping', id: `ping-${++this.pingCounter}` });
  }

  private sendAuth(token: string): void {
    if (this.socket && this.opened) {
      this.socket.next({ type: 'auth', token });
    }
  }

  private reconnectNow(): void {
    if (this.autoReconnect && !this.awaitingResync && this.reconnectTimer.pending) {
      this.open();
    }
  }

  private scheduleReconnect(delay: number): void {
    this.reconnectTimer.start(delay, () => this.open());
  }

  private dropSocket(): void {
    this.generation++;
    this.pingSubscription?.unsubscribe();
    this.pingSubscription = null;
    this.awaitingPong = false;
    this.opened = false;
    const subscription = this.socketSubscription;
    this.socketSubscription = null;
    this.socket = null;
    subscription?.unsubscribe();
  }
}
