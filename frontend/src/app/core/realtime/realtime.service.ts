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
  viewOf,
} from './connection-state';
import { transition } from './connection-transition';
import { PING_INTERVAL_MS, POLL_INTERVAL_MS, PONG_TIMEOUT_MS } from './realtime.constants';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { EVENT_SOURCE_FACTORY, type LiveTransport, eventSourceTransport, eventsUrl, webSocketTransport } from './live-transport';
import { socketUrl } from './socket-url';
import { FIRST_CHOICE, type Transport, afterFailure, afterOpened, beforeAttempt } from './transport-choice';
import { TabLeadership } from './tab-leadership';
import { type SharedState, type RelayMessage, TabRelay } from './tab-relay';

type TabRole = 'leader' | 'follower';

/**
 * The one WebSocket to /api/ws, for all tabs of this browser. Reconnects with capped, jittered backoff; resumes
 * from the last applied `seq`; acts on the close codes of the protocol; and says when the app must fall back to
 * REST polling. The rules live in `transition` (connection-transition.ts); this class owns the socket, the
 * timer and the token refresh those rules ask for, and turns their callbacks back into inputs.
 * Tabs share the connection: the tab holding a Web Lock leads (it has the socket and relays every message over a
 * BroadcastChannel); the others follow, and the next in line takes over, resuming after its last applied seq.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(WEB_SOCKET_FACTORY);
  private readonly createEventSource = inject(EVENT_SOURCE_FACTORY);
  private readonly reachability = inject(UnreachableReports);
  private readonly random = inject(RANDOM_SOURCE);
  private readonly document = inject(DOCUMENT);
  private readonly locks = inject(TAB_LOCKS);
  private readonly channels = inject(TAB_CHANNEL_FACTORY);

  private readonly state = new BehaviorSubject<ConnectionState>(IDLE);
  private readonly eventsSubject = new Subject<AnyServerMessage>();
  private readonly resyncSubject = new Subject<string>();
  /** Inputs raised while one is being handled (a callback firing synchronously) wait their turn here. */
  private readonly inbox: ConnectionInput[] = [];
  private handling = false;

  private transport: LiveTransport | null = null;
  private choice = FIRST_CHOICE;
  private pingSubscription: Subscription | null = null;
  private refreshSubscription: Subscription | null = null;
  private readonly timer = new OneShotTimer();
  private readonly pongDeadline = new OneShotTimer();
  private pingCounter = 0;
  private readonly role = new BehaviorSubject<TabRole>('leader');
  private readonly remote = new BehaviorSubject<SharedState | null>(null);
  private leadership: TabLeadership | null = null;
  private relay: TabRelay | null = null;
  private lastAck: AnyServerMessage | null = null;

  /** The status and whether the browser is offline: what the connection badge shows (a follower shows the leader's). */
  readonly view$: Observable<ConnectionView> = combineLatest([this.role, this.state, this.remote]).pipe(
    map(([role, state, remote]) => this.viewFor(role, state, remote)),
    distinctUntilChanged((a, b) => a.status === b.status && a.offline === b.offline && a.role === b.role && a.transport === b.transport),
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
  readonly pollingFallback$: Observable<boolean> = combineLatest([this.role, this.state, this.remote]).pipe(
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
    return this.role.value === 'leader' ? coveredFrom(this.state.value) : (this.relay?.coveredFrom() ?? null);
  }

  /** Joins this browser's connection: leads it at once (or when the leading tab goes), following meanwhile. */
  connect(): void {
    if (this.leadership) {
      return;
    }
    const name = `taskpulse-realtime:${this.auth.userId() ?? ''}`;
    const channel = this.locks ? this.channels(name) : null;
    this.leadership = new TabLeadership(channel ? this.locks : null, name);
    if (channel) {
      this.relay = new TabRelay(channel, {
        deliver: (message) => this.eventsSubject.next(message),
        resync: (reason) => this.resyncSubject.next(reason),
        request: (message) => this.onRequest(message),
      });
      this.relay.remote.subscribe((state) => this.remote.next(state));
      this.role.next('follower');
      this.relay.follow();
    }
    this.leadership.start(() => {
      const from = this.relay?.resumePoint();
      this.relay?.lead();
      this.role.next('leader');
      this.handle({ type: 'connect', from });
    });
  }

  /** Intentional (sign-out): close and never reconnect until `connect()` again; the next tab in line leads. */
  disconnect(): void {
    this.handle({ type: 'disconnect' });
    this.leadership?.stop();
    this.leadership = null;
    this.relay?.close();
    this.relay = null;
    this.lastAck = null;
    this.role.next('leader');
    this.remote.next(null);
  }

  /** After the REST refetch that `resync$` asked for: resume from that answer's seq (null: from the log head). */
  resumeFrom(seq: number | null): void {
    if (this.role.value === 'leader') {
      this.handle({ type: 'resumeFrom', seq });
    }
  }

  /** A client message (presence …) on the browser's one connection, whichever tab holds it. */
  send(message: ClientMessage): void {
    if (this.role.value === 'follower') {
      this.relay?.post({ type: 'send', message });
    } else if (isSocketOpen(this.state.value)) {
      this.transport?.send(message);
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
        return this.openSocket(effect.token, effect.since);
      case 'closeSocket':
        return this.closeSocket(effect.goodbye);
      case 'startPing':
        // Server-sent events carry nothing upstream: the stream's own end says when it is gone.
        if (this.transport?.kind !== 'websocket') return;
        this.pingSubscription = interval(PING_INTERVAL_MS).subscribe(() => this.handle({ type: 'pingDue' }));
        return;
      case 'sendPing':
        this.transport?.send({ type: 'ping', id: `ping-${++this.pingCounter}` });
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
        return this.relay?.post({ type: 'message', message: effect.message });
      case 'resync':
        this.resyncSubject.next(effect.reason);
        return this.relay?.post({ type: 'resync', reason: effect.reason });
    }
  }

  /** Opens the transport the choice says (WebSocket, or server-sent events), resuming after `since`. */
  private openSocket(token: string, since: number | null): void {
    this.closeSocket();
    this.choice = beforeAttempt(this.choice, Date.now());
    let opened = false;
    // Callbacks count only while their transport is the current one; a replaced one's late events are ignored.
    const report = (input: ConnectionInput) => {
      if (this.transport !== transport) return;
      if (input.type === 'opened') {
        opened = true;
        this.choice = afterOpened(this.choice);
      } else if ((input.type === 'failed' || input.type === 'closed') && !opened) {
        this.choice = afterFailure(this.choice, Date.now(), this.reachability.serverAnswers);
      }
      this.handle(input);
    };
    const { location } = this.document;
    const transport =
      this.choice.transport === 'sse'
        ? eventSourceTransport(this.createEventSource, eventsUrl(location, token, since), report)
        : webSocketTransport(this.createSocket, socketUrl(location, token, since), report);
    this.transport = transport;
    transport.start();
  }

  private closeSocket(goodbye?: { code: number; reason: string }): void {
    const transport = this.transport;
    this.transport = null;
    this.pingSubscription?.unsubscribe();
    this.pingSubscription = null;
    this.pongDeadline.clear();
    transport?.close(goodbye);
  }

  private viewFor(role: TabRole, state: ConnectionState, remote: SharedState | null): ConnectionView {
    if (role === 'leader') {
      const view = withTransport(viewOf(state), this.choice.transport);
      return this.relay ? { ...view, role } : view;
    }
    return { ...(remote?.view ?? { status: 'connecting', offline: this.offline() }), role };
  }

  /** Leader: tells the other tabs how the connection stands (on every change, and to a tab that says hello). */
  private publishState(): void {
    if (!this.relay || this.role.value !== 'leader') {
      return;
    }
    const state = this.state.value;
    this.relay.post({
      type: 'state',
      state: {
        view: withTransport(viewOf(state), this.choice.transport),
        polling: needsPolling(state),
        lastSeq: positionOf(state)?.lastSeq ?? null,
        coveredFrom: coveredFrom(state),
        ack: this.lastAck,
      },
    });
  }

  private onRequest(message: RelayMessage): void {
    if (message.type === 'hello') {
      this.publishState();
    } else if (message.type === 'send') {
      this.send(message.message);
    } else if (message.type === 'probe') {
      this.handle({ type: 'probe' });
    }
  }

  /** A REST request got no answer: the leader checks its socket now. */
  private probe(): void {
    if (this.role.value === 'follower') {
      this.relay?.post({ type: 'probe' });
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
      this.transport?.send({ type: 'auth', token });
    }
  }
}

/** Said only while live over server-sent events ("Live (compatibility mode)"); a live view without it is a socket. */
function withTransport(view: ConnectionView, transport: Transport): ConnectionView {
  return view.status === 'connected' && transport === 'sse' ? { ...view, transport } : view;
}
