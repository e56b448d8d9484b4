import { DOCUMENT, DestroyRef, Injectable, inject } from '@angular/core';
import {
  BehaviorSubject,
  EMPTY,
  Observable,
  Subject,
  Subscription,
  combineLatest,
  distinctUntilChanged,
  filter,
  fromEvent,
  interval,
  map,
  share,
  switchMap,
} from 'rxjs';
import type { AnyServerMessage, ClientMessage, ServerEventType, ServerMessage } from '@taskpulse/contract';
import { AuthService } from '../auth/auth.service';
import { isTransientError } from '../api/http-status';
import { UnreachableReports } from '../api/unreachable';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS } from '../tabs/tab-apis';
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
  positionOf,
  sameView,
  viewOf,
} from './connection-state';
import { transition } from './connection-transition';
import { PING_INTERVAL_MS, POLL_INTERVAL_MS, PONG_TIMEOUT_MS } from './realtime.constants';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { EVENT_SOURCE_FACTORY } from './live-transport';
import { Transports, withTransport } from './transports';
import type { RelayMessage, SharedState } from './tab-relay';
import { type TabRole, TabShare } from './tab-share';

/**
 * The one realtime connection (WebSocket, else server-sent events) of all tabs of this browser: reconnects with
 * capped, jittered backoff, resumes after the last applied `seq`, acts on close codes, says when to poll REST.
 * The rules live in `transition`; this class runs the transport, timers and token refresh they ask for. The tab
 * holding a Web Lock leads and relays every message (TabShare); the next in line takes over from its last seq.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly reachability = inject(UnreachableReports);
  private readonly random = inject(RANDOM_SOURCE);
  private readonly document = inject(DOCUMENT);
  private readonly transports = new Transports({
    createSocket: inject(WEB_SOCKET_FACTORY),
    createEventSource: inject(EVENT_SOURCE_FACTORY),
    location: () => this.document.location,
    serverAnswers: () => this.reachability.serverAnswers,
  });
  private readonly tabs = new TabShare(inject(TAB_LOCKS), inject(TAB_CHANNEL_FACTORY));

  private readonly state = new BehaviorSubject<ConnectionState>(IDLE);
  private readonly eventsSubject = new Subject<AnyServerMessage>();
  private readonly resyncSubject = new Subject<string>();
  /** Inputs raised while one is being handled (a callback firing synchronously) wait their turn here. */
  private readonly inbox: ConnectionInput[] = [];
  private handling = false;

  private pingSubscription: Subscription | null = null;
  private refreshSubscription: Subscription | null = null;
  private readonly timer = new OneShotTimer();
  private readonly pongDeadline = new OneShotTimer();
  private pingCounter = 0;
  private lastAck: AnyServerMessage | null = null;

  /** The status and whether the browser is offline: what the connection badge shows (a follower shows the leader's). */
  readonly view$: Observable<ConnectionView> = combineLatest([this.tabs.role, this.state, this.tabs.remote]).pipe(
    map(([role, state, remote]) => this.viewFor(role, state, remote)),
    distinctUntilChanged(sameView),
  );
  readonly status$: Observable<ConnectionStatus> = this.view$.pipe(
    map((view) => view.status),
    distinctUntilChanged(),
  );
  /** Every server message, logged events de-duplicated by `seq` and in order. */
  readonly events$: Observable<AnyServerMessage> = this.eventsSubject.asObservable();
  /** The log no longer reaches back to our `seq`: refetch over REST, then call `resumeFrom(seq)`. */
  readonly resync$: Observable<string> = this.resyncSubject.asObservable();
  /** True while signed in but not live: the app polls REST instead. */
  readonly pollingFallback$: Observable<boolean> = combineLatest([this.tabs.role, this.state, this.tabs.remote]).pipe(
    map(([role, state, remote]) => (role === 'leader' ? needsPolling(state) : (remote?.polling ?? false))),
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
    subscriptions.add(this.reachability.reported$.subscribe(() => this.probe()));
    subscriptions.add(this.state.subscribe(() => this.publishState()));
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
    return this.tabs.following ? this.tabs.coveredFrom() : coveredFrom(this.state.value);
  }

  /** Joins this browser's connection: leads it at once (or when the leading tab goes), following meanwhile. */
  connect(): void {
    if (this.tabs.joined) {
      return;
    }
    const handlers = {
      deliver: (message: AnyServerMessage) => this.eventsSubject.next(message),
      resync: (reason: string) => this.resyncSubject.next(reason),
      request: (message: RelayMessage) => this.onRequest(message),
    };
    this.tabs.join(`taskpulse-realtime:${this.auth.userId() ?? ''}`, handlers, (from) => this.handle({ type: 'connect', from }));
  }

  /** Intentional (sign-out): close and never reconnect until `connect()` again; the next tab in line leads. */
  disconnect(): void {
    this.handle({ type: 'disconnect' });
    this.tabs.leave();
    this.lastAck = null;
  }

  /** After the REST refetch that `resync$` asked for: resume from that answer's seq (null: from the log head). */
  resumeFrom(seq: number | null): void {
    if (!this.tabs.following) {
      this.handle({ type: 'resumeFrom', seq });
    }
  }

  /** A client message (presence …) on the browser's one connection, whichever tab holds it. */
  send(message: ClientMessage): void {
    if (this.tabs.following) {
      this.tabs.post({ type: 'send', message });
    } else if (isSocketOpen(this.state.value)) {
      this.transports.send(message);
    }
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
        this.closeSocket();
        return this.transports.open(effect.token, effect.since, (input) => this.handle(input));
      case 'closeSocket':
        return this.closeSocket(effect.goodbye);
      case 'startPing':
        // Server-sent events carry nothing upstream: the stream's own end says when it is gone.
        if (this.transports.kind !== 'websocket') return;
        this.pingSubscription = interval(PING_INTERVAL_MS).subscribe(() => this.handle({ type: 'pingDue' }));
        return;
      case 'sendPing':
        this.transports.send({ type: 'ping', id: `ping-${++this.pingCounter}` });
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
        if (effect.message.event_type === 'connection_ack') this.lastAck = effect.message;
        this.eventsSubject.next(effect.message);
        return this.publish({ type: 'message', message: effect.message });
      case 'resync':
        this.resyncSubject.next(effect.reason);
        return this.publish({ type: 'resync', reason: effect.reason });
    }
  }

  private closeSocket(goodbye?: { code: number; reason: string }): void {
    this.pingSubscription?.unsubscribe();
    this.pingSubscription = null;
    this.pongDeadline.clear();
    this.transports.close(goodbye);
  }

  private viewFor(role: TabRole, state: ConnectionState, remote: SharedState | null): ConnectionView {
    if (role === 'leader') {
      const view = withTransport(viewOf(state), this.transports.chosen);
      return this.tabs.shared ? { ...view, role } : view;
    }
    return { ...(remote?.view ?? { status: 'connecting', offline: this.offline() }), role };
  }

  /** Leader: tells the other tabs how the connection stands (on every change, and to a tab that says hello). */
  private publishState(): void {
    const state = this.state.value;
    this.publish({
      type: 'state',
      state: {
        view: withTransport(viewOf(state), this.transports.chosen),
        polling: needsPolling(state),
        lastSeq: positionOf(state)?.lastSeq ?? null,
        coveredFrom: coveredFrom(state),
        ack: this.lastAck,
      },
    });
  }

  /** Leader: to the other tabs of this browser. */
  private publish(message: RelayMessage): void {
    if (this.tabs.shared && !this.tabs.following) {
      this.tabs.post(message);
    }
  }

  private onRequest(message: RelayMessage): void {
    if (message.type === 'hello') this.publishState();
    if (message.type === 'send') this.send(message.message);
    if (message.type === 'probe') this.handle({ type: 'probe' });
  }

  /** A REST request got no answer: the leader checks its socket now. */
  private probe(): void {
    if (this.tabs.following) {
      this.tabs.post({ type: 'probe' });
    } else {
      this.handle({ type: 'probe' });
    }
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
      this.transports.send({ type: 'auth', token });
    }
  }
}
