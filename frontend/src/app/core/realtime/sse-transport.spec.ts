import { TestBed } from '@angular/core/testing';
import { Subject, of } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import type { AnyServerMessage } from '@taskpulse/contract';
import { FakeEventSource } from '../../../testing/fake-event-source';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { ack, aTask, taskEvent } from '../../../testing/builders';
import { UnreachableReports } from '../api/unreachable';
import { AuthService } from '../auth/auth.service';
import { connectionText } from '../ui/connection-status/connection-status';
import type { ConnectionView } from './connection-state';
import { EVENT_SOURCE_FACTORY } from './live-transport';
import { PONG_TIMEOUT_MS } from './realtime.constants';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { RealtimeService } from './realtime.service';

function setup() {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: AuthService,
        useValue: {
          accessToken: () => 'jwt-1',
          userId: () => 'user-me',
          tokenRefreshed$: new Subject<string>(),
          signedOut$: new Subject<void>(),
          refresh: () => of('jwt-1'),
          signOut: () => undefined,
        },
      },
      { provide: RANDOM_SOURCE, useValue: () => 0.5 },
      {
        provide: WEB_SOCKET_FACTORY,
        useValue: (config: Parameters<typeof webSocket>[0] & object) =>
          webSocket({ ...config, WebSocketCtor: FakeWebSocket as unknown as typeof WebSocket }),
      },
      { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) },
    ],
  });
  const sut = TestBed.inject(RealtimeService);
  const events: AnyServerMessage[] = [];
  const views: ConnectionView[] = [];
  sut.events$.subscribe((message) => events.push(message));
  sut.view$.subscribe((view) => views.push(view));
  // The REST API answers: the server is there, only WebSocket upgrades do not get through.
  TestBed.inject(UnreachableReports).reportAnswer();
  return { sut, events, views };
}

/** Two upgrades that never open: the app falls back to server-sent events (after the 1 s and 2 s backoff). */
function failWebSocketTwice(): void {
  FakeWebSocket.latest().fail();
  jest.advanceTimersByTime(1000);
  FakeWebSocket.latest().fail();
  jest.advanceTimersByTime(2000);
}

describe('RealtimeService over server-sent events', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    FakeWebSocket.reset();
    FakeEventSource.reset();
  });
  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('tries WebSocket first, and GET /api/events?token= only after two failed upgrades', () => {
    const { sut } = setup();
    sut.connect();
    expect(FakeEventSource.instances).toHaveLength(0);

    failWebSocketTwice();

    expect(FakeWebSocket.instances).toHaveLength(2);
    const source = FakeEventSource.latest();
    expect(new URL(source.url).pathname).toBe('/api/events');
    expect(source.params.get('token')).toBe('jwt-1');
    expect(source.params.has('since')).toBe(false);
  });

  it('delivers the same messages as the socket and says "Live (compatibility mode)"', () => {
    const { sut, events, views } = setup();
    sut.connect();
    failWebSocketTwice();
    const source = FakeEventSource.latest();

    source.open();
    source.receive(ack(100));
    source.receive(taskEvent('task_created', 101, aTask({ title: 'over SSE' })));
    source.receive(taskEvent('task_created', 101, aTask({ title: 'the same seq again' })));

    expect(events.map((message) => message.event_type)).toEqual(['connection_ack', 'task_created']);
    expect(views.at(-1)).toEqual({ status: 'connected', offline: false, transport: 'sse' });
    expect(connectionText(views.at(-1)!).mode).toBe('Live (compatibility mode)');
    expect(connectionText({ status: 'connected', offline: false }).mode).toBe('Live');
    expect(connectionText({ status: 'error', offline: false }).mode).toBe('Polling');
  });

  it('resumes at once with since = the last seq when a stream that was live ends (token expiry, deploy)', () => {
    const { sut } = setup();
    sut.connect();
    failWebSocketTwice();
    const first = FakeEventSource.latest();
    first.open();
    first.receive(ack(100));
    first.receive(taskEvent('task_updated', 105, aTask()));

    first.fail();

    expect(first.closed).toBe(true);
    const next = FakeEventSource.latest();
    expect(next).not.toBe(first);
    expect(next.params.get('since')).toBe('105');
  });

  it('a stream that fails before it opens backs off, and after two such failures WebSocket is tried again', () => {
    const { sut } = setup();
    sut.connect();
    failWebSocketTwice();

    FakeEventSource.latest().fail();
    jest.advanceTimersByTime(4000);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.latest().fail();
    jest.advanceTimersByTime(8000);

    expect(FakeWebSocket.instances).toHaveLength(3);
  });

  it('sends no pings over SSE; when a request gets no answer, a stream silent for 5 s counts as dead', () => {
    const { sut, views } = setup();
    sut.connect();
    failWebSocketTwice();
    const source = FakeEventSource.latest();
    source.open();
    source.receive(ack(100));

    jest.advanceTimersByTime(120_000);
    expect(views.at(-1)?.status).toBe('connected');

    TestBed.inject(UnreachableReports).report();
    jest.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(views.at(-1)?.status).not.toBe('connected');
    expect(source.closed).toBe(true);
  });
});
