import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, of } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import type { AnyServerMessage } from '@taskpulse/contract';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { FakeChannelHub, FakeLocks } from '../../../testing/fake-tabs';
import { ack, aTask, taskEvent } from '../../../testing/builders';
import { AuthService } from '../auth/auth.service';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS } from '../tabs/tab-apis';
import type { ConnectionView } from './connection-state';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { RealtimeService } from './realtime.service';

/** Lets the locks and the channel's messages (both asynchronous) go round. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

interface Tab {
  realtime: RealtimeService;
  events: AnyServerMessage[];
  views: ConnectionView[];
  close: () => void;
}

function auth() {
  return {
    accessToken: () => 'jwt-1',
    userId: () => 'user-me',
    tokenRefreshed$: new Subject<string>(),
    signedOut$: new Subject<void>(),
    refresh: () => of('jwt-1'),
    signOut: () => undefined,
  };
}

function setup() {
  TestBed.configureTestingModule({
    providers: [
      { provide: TAB_LOCKS, useValue: new FakeLocks() },
      { provide: TAB_CHANNEL_FACTORY, useValue: new FakeChannelHub().factory },
      { provide: RANDOM_SOURCE, useValue: () => 0.5 },
      {
        provide: WEB_SOCKET_FACTORY,
        useValue: (config: Parameters<typeof webSocket>[0] & object) =>
          webSocket({ ...config, WebSocketCtor: FakeWebSocket as unknown as typeof WebSocket }),
      },
    ],
  });
  const parent = TestBed.inject(EnvironmentInjector);
  /** One browser tab: its own services, the browser's locks and channels. */
  return function openTab(): Tab {
    const injector = createEnvironmentInjector(
      [
        { provide: AuthService, useValue: auth() },
        { provide: RealtimeService, useClass: RealtimeService },
      ],
      parent,
    );
    const realtime = injector.get(RealtimeService);
    const tab: Tab = { realtime, events: [], views: [], close: () => injector.destroy() };
    realtime.events$.subscribe((message) => tab.events.push(message));
    realtime.view$.subscribe((view) => tab.views.push(view));
    realtime.connect();
    return tab;
  };
}

const seqs = (tab: Tab) => tab.events.filter((message) => message.seq !== undefined).map((message) => message.seq);

describe('one connection per browser (leader tab)', () => {
  beforeEach(() => FakeWebSocket.reset());
  afterEach(() => TestBed.resetTestingModule());

  it('opens one socket for three tabs; the others hear every message through the leader, in order, once', async () => {
    const openTab = setup();
    const [first, second, third] = [openTab(), openTab(), openTab()];
    await settle();

    expect(FakeWebSocket.instances).toHaveLength(1);
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive(ack(100));
    socket.receive(taskEvent('task_created', 101, aTask()));
    socket.receive(taskEvent('task_updated', 102, aTask()));
    await settle();

    for (const tab of [first, second, third]) {
      expect(seqs(tab)).toEqual([101, 102]);
    }
    expect(first.views.at(-1)).toEqual({ status: 'connected', offline: false, role: 'leader' });
    expect(second.views.at(-1)).toEqual({ status: 'connected', offline: false, role: 'follower' });
    expect(third.realtime.coveredSince()).toBe(100);
  });

  it('when the leader closes, the next tab takes over with since = the last seq it applied: nothing lost, nothing twice', async () => {
    const openTab = setup();
    const leader = openTab();
    const follower = openTab();
    await settle();
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive(ack(100));
    socket.receive(taskEvent('task_created', 101, aTask()));
    await settle();

    leader.close();
    await settle();

    expect(FakeWebSocket.instances).toHaveLength(2);
    const next = FakeWebSocket.latest();
    expect(next.params.get('since')).toBe('101');
    next.open();
    next.receive(ack(103));
    next.receive(taskEvent('task_updated', 102, aTask()));
    next.receive(taskEvent('task_updated', 103, aTask()));
    await settle();
    expect(seqs(follower)).toEqual([101, 102, 103]);
    expect(follower.views.at(-1)).toEqual({ status: 'connected', offline: false, role: 'leader' });
  });

  it('a tab that joins late counts from the seq the leader had reached when it joined', async () => {
    const openTab = setup();
    openTab();
    await settle();
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive(ack(100));
    socket.receive(taskEvent('task_created', 140, aTask()));
    await settle();

    const late = openTab();
    await settle();

    expect(late.realtime.coveredSince()).toBe(140);
    // It hears the leader's connection_ack, so its lists refetch what they may have missed.
    expect(late.events.map((message) => message.event_type)).toEqual(['connection_ack']);
  });

  it("sends a follower's client messages on the leader's socket", async () => {
    const openTab = setup();
    openTab();
    const follower = openTab();
    await settle();
    const socket = FakeWebSocket.latest();
    socket.open();
    socket.receive(ack(100));
    await settle();

    follower.realtime.send({ type: 'ping', id: 'from-the-follower' });
    await settle();

    expect(socket.sent).toContainEqual({ type: 'ping', id: 'from-the-follower' });
  });

  it('a follower shows the leader falling back (polling) and polls itself meanwhile', async () => {
    const openTab = setup();
    openTab();
    const follower = openTab();
    const polling: boolean[] = [];
    follower.realtime.pollingFallback$.subscribe((value) => polling.push(value));
    await settle();

    FakeWebSocket.latest().fail();
    await settle();

    expect(follower.views.at(-1)).toEqual({ status: 'error', offline: false, role: 'follower' });
    expect(polling.at(-1)).toBe(true);
  });
});
