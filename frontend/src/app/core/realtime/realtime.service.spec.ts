import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Observable, Subject, of, throwError } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import { type AnyServerMessage, closeCodes, loggedEventTypes } from '@taskpulse/contract';
import { FakeWebSocket } from '../../../testing/fake-web-socket';
import { ack, aTask, loggedEvent, message, taskEvent } from '../../../testing/builders';
import { AuthService } from '../auth/auth.service';
import type { ConnectionStatus } from './connection-state';
import { UnreachableReports } from '../api/unreachable';
import { PING_INTERVAL_MS, POLL_INTERVAL_MS, PONG_TIMEOUT_MS } from './realtime.constants';
import { RANDOM_SOURCE, WEB_SOCKET_FACTORY } from './realtime.tokens';
import { RealtimeService } from './realtime.service';

/** Just the part of AuthService the realtime service uses. */
class FakeAuth {
  token: string | null = 'jwt-1';
  readonly tokenRefreshed$ = new Subject<string>();
  readonly signedOut$ = new Subject<void>();
  nextRefresh: () => Observable<string> = () => {
    this.token = 'jwt-2';
    return of('jwt-2');
  };
  readonly refresh = jest.fn(() => this.nextRefresh());
  readonly signOut = jest.fn(() => this.signedOut$.next());
  accessToken(): string | null {
    return this.token;
  }
  userId(): string | null {
    return 'user-me';
  }
}

interface Setup {
  sut: RealtimeService;
  auth: FakeAuth;
  statuses: ConnectionStatus[];
  random: { value: number };
}

function setup(): Setup {
  const auth = new FakeAuth();
  const random = { value: 0.5 };
  TestBed.configureTestingModule({
    providers: [
      { provide: AuthService, useValue: auth },
      { provide: RANDOM_SOURCE, useValue: () => random.value },
      {
        provide: WEB_SOCKET_FACTORY,
        useValue: (config: Parameters<typeof webSocket>[0] & object) =>
          webSocket({ ...config, WebSocketCtor: FakeWebSocket as unknown as typeof WebSocket }),
      },
    ],
  });
  const sut = TestBed.inject(RealtimeService);
  const statuses: ConnectionStatus[] = [];
  sut.status$.subscribe((status) => statuses.push(status));
  return { sut, auth, statuses, random };
}

/** Connects and completes the handshake; returns the live socket. */
function connectLive(sut: RealtimeService, seq = 100): FakeWebSocket {
  sut.connect();
  const socket = FakeWebSocket.latest();
  socket.open();
  socket.receive(ack(seq));
  return socket;
}

function socketCount(): number {
  return FakeWebSocket.instances.length;
}

/** Asserts that the next socket is created exactly `ms` after now, and returns it. */
function expectReconnectAfter(ms: number): FakeWebSocket {
  const before = socketCount();
  jest.advanceTimersByTime(ms - 1);
  expect(socketCount()).toBe(before);
  jest.advanceTimersByTime(1);
  expect(socketCount()).toBe(before + 1);
  return FakeWebSocket.latest();
}

describe('RealtimeService', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    FakeWebSocket.reset();
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  describe('connecting', () => {
    it('opens /api/ws on the page host with the access token in the URL and no since on first connect', () => {
      const { sut } = setup();

      sut.connect();

      const socket = FakeWebSocket.latest();
      expect(socket.url).toBe('ws://localhost/api/ws?token=jwt-1');
      expect(socket.params.get('since')).toBeNull();
    });

    it('goes disconnected → connecting → connected, and is connected only after connection_ack', () => {
      const { sut, statuses } = setup();

      sut.connect();
      FakeWebSocket.latest().open();
      expect(statuses).toEqual(['disconnected', 'connecting']);

      FakeWebSocket.latest().receive(ack(5));
      expect(statuses).toEqual(['disconnected', 'connecting', 'connected']);
    });

    it('records the ack seq as the point from which events are covered', () => {
      const { sut } = setup();

      connectLive(sut, 42);

      expect(sut.coveredSince()).toBe(42);
    });

    it('refreshes the token first when there is none yet, then connects with the new one', () => {
      const { sut, auth } = setup();
      auth.token = null;

      sut.connect();

      expect(auth.refresh).toHaveBeenCalledTimes(1);
      expect(FakeWebSocket.latest().params.get('token')).toBe('jwt-2');
    });
  });

  describe('disconnecting', () => {
    it('closes the socket with 1000 on disconnect, reports disconnected and never reconnects', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      sut.disconnect();
      jest.advanceTimersByTime(120_000);

      expect(socket.closedByClient).toEqual({ code: closeCodes.NORMAL, reason: 'client disconnect' });
      expect(statuses.at(-1)).toBe('disconnected');
      expect(socketCount()).toBe(1);
    });

    it('does not reconnect after sign-out, even when the server then closes abnormally', () => {
      const { sut, auth } = setup();
      const socket = connectLive(sut);

      auth.signedOut$.next();
      socket.serverClose(1006);
      window.dispatchEvent(new Event('online'));
      jest.advanceTimersByTime(120_000);

      expect(socketCount()).toBe(1);
    });

    it('does nothing more after a normal close (1000) from the server', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      socket.serverClose(closeCodes.NORMAL);
      jest.advanceTimersByTime(120_000);

      expect(socketCount()).toBe(1);
      expect(statuses.at(-1)).toBe('disconnected');
    });
  });

  describe('events', () => {
    it.each(loggedEventTypes.map((type) => [type]))('delivers %s on on(type) and events$', (type) => {
      const { sut } = setup();
      const onType: unknown[] = [];
      const all: AnyServerMessage[] = [];
      sut.on(type).subscribe((m) => onType.push(m));
      sut.events$.subscribe((m) => all.push(m));
      const socket = connectLive(sut, 10);
      const event = loggedEvent(type, 11);

      socket.receive(event);

      expect(onType).toEqual([event]);
      expect(all.at(-1)).toEqual(event);
    });

    it('delivers the control messages replay_complete, pong and error on on(type)', () => {
      const { sut } = setup();
      const received: string[] = [];
      sut.on('replay_complete').subscribe((m) => received.push(`replay_complete:${m.data.seq}`));
      sut.on('pong').subscribe((m) => received.push(`pong:${m.data.id}`));
      sut.on('error').subscribe((m) => received.push(`error:${m.data.code}`));
      const socket = connectLive(sut);

      socket.receive(message('replay_complete', { seq: 100 }));
      socket.receive(message('pong', { id: 'p1' }));
      socket.receive(message('error', { code: 'bad_json', message: 'Bad JSON' }));

      expect(received).toEqual(['replay_complete:100', 'pong:p1', 'error:bad_json']);
    });

    it('keeps the connection open after a server error message', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      socket.receive(message('error', { code: 'unknown_type', message: 'Unknown message type' }));

      expect(statuses.at(-1)).toBe('connected');
      expect(socket.closedByClient).toBeNull();
    });

    it('ignores logged events whose seq is not after the last applied one', () => {
      const { sut } = setup();
      const seqs: number[] = [];
      sut.events$.subscribe((m) => m.seq !== undefined && seqs.push(m.seq));
      const socket = connectLive(sut, 10);

      socket.receive(loggedEvent('task_created', 11));
      socket.receive(loggedEvent('task_updated', 11));
      socket.receive(loggedEvent('task_updated', 9));
      socket.receive(loggedEvent('task_updated', 12));

      expect(seqs).toEqual([11, 12]);
    });

    it('ignores frames that are not JSON server messages and stays connected', () => {
      const { sut, statuses } = setup();
      const all: AnyServerMessage[] = [];
      sut.events$.subscribe((m) => all.push(m));
      const socket = connectLive(sut);

      socket.receive('not json');
      socket.receive('{"hello":1}');
      socket.receive(loggedEvent('task_created', 101));

      expect(all.map((m) => m.event_type)).toEqual(['connection_ack', 'task_created']);
      expect(statuses.at(-1)).toBe('connected');
    });
  });

  describe('reconnecting', () => {
    it('reports error on a socket error event and retries after the first backoff step', () => {
      const { sut, statuses } = setup();
      connectLive(sut);

      FakeWebSocket.latest().fail();

      expect(statuses.at(-1)).toBe('error');
      expectReconnectAfter(1000);
      expect(statuses.at(-1)).toBe('connecting');
    });

    it('reports error and retries when the socket cannot even be created', () => {
      const { sut, statuses } = setup();
      FakeWebSocket.throwOnNextConstruction = true;

      sut.connect();

      expect(socketCount()).toBe(0);
      expect(statuses.at(-1)).toBe('error');
      expectReconnectAfter(1000);
    });

    it('backs off 1, 2, 4, 8, 16, 32, 32 s while connecting keeps failing', () => {
      const { sut } = setup();
      sut.connect();

      for (const seconds of [1, 2, 4, 8, 16, 32, 32]) {
        FakeWebSocket.latest().serverClose(1006);
        expectReconnectAfter(seconds * 1000);
      }
    });

    it('spreads each delay by ±20 % using the random source', () => {
      const { sut, random } = setup();
      sut.connect();

      random.value = 0;
      FakeWebSocket.latest().serverClose(1006);
      expectReconnectAfter(800);

      random.value = 0.999_999;
      FakeWebSocket.latest().serverClose(1006);
      expectReconnectAfter(2400);
    });

    it('retries without limit, staying at the 32 s cap', () => {
      const { sut } = setup();
      sut.connect();

      for (let failure = 0; failure < 60; failure++) {
        FakeWebSocket.latest().serverClose(1006);
        jest.advanceTimersByTime(32_000);
      }

      expect(socketCount()).toBe(61);
      FakeWebSocket.latest().serverClose(1006);
      expectReconnectAfter(32_000);
    });

    it('resets the backoff after a successful connection_ack', () => {
      const { sut } = setup();
      sut.connect();
      for (let failure = 0; failure < 4; failure++) {
        FakeWebSocket.latest().serverClose(1006);
        jest.advanceTimersByTime(16_000);
      }

      FakeWebSocket.latest().open();
      FakeWebSocket.latest().receive(ack(100));
      FakeWebSocket.latest().serverClose(1006);

      expectReconnectAfter(1000);
    });

    it('resumes with since=<last applied seq> after a drop', () => {
      const { sut } = setup();
      const socket = connectLive(sut, 100);
      socket.receive(loggedEvent('task_created', 101));
      socket.receive(loggedEvent('task_updated', 107));

      socket.serverClose(1006);
      const next = expectReconnectAfter(1000);

      expect(next.params.get('since')).toBe('107');
      expect(next.params.get('token')).toBe('jwt-1');
    });

    it('resumes from the ack seq when no event arrived before the drop', () => {
      const { sut } = setup();
      connectLive(sut, 100).serverClose(1006);

      expect(expectReconnectAfter(1000).params.get('since')).toBe('100');
    });

    it('reconnects at once with since on 1001 (server going away)', () => {
      const { sut } = setup();
      const socket = connectLive(sut, 100);
      socket.receive(loggedEvent('task_created', 103));

      socket.serverClose(closeCodes.GOING_AWAY);

      expect(socketCount()).toBe(2);
      expect(FakeWebSocket.latest().params.get('since')).toBe('103');
    });

    it.each([
      [closeCodes.POLICY_VIOLATION, 'error'],
      [closeCodes.MESSAGE_TOO_BIG, 'error'],
      [closeCodes.INTERNAL_ERROR, 'error'],
      [closeCodes.TRY_AGAIN_LATER, 'disconnected'],
    ])('backs off on close %i, reporting %s, then resumes with since', (code, status) => {
      const { sut, statuses } = setup();
      connectLive(sut, 100).serverClose(code);

      expect(statuses.at(-1)).toBe(status);
      expect(expectReconnectAfter(1000).params.get('since')).toBe('100');
    });

    it('reconnects at once on the browser online event instead of waiting for the backoff', () => {
      const { sut } = setup();
      sut.connect();
      for (let failure = 0; failure < 5; failure++) {
        FakeWebSocket.latest().serverClose(1006);
        jest.advanceTimersByTime(16_000);
      }
      FakeWebSocket.latest().serverClose(1006);
      const before = socketCount();

      window.dispatchEvent(new Event('online'));

      expect(socketCount()).toBe(before + 1);
    });

    it('ignores the online event while connected', () => {
      const { sut } = setup();
      connectLive(sut);

      window.dispatchEvent(new Event('online'));

      expect(socketCount()).toBe(1);
    });
  });

  describe('authentication', () => {
    it('on 4401 refreshes the token and reconnects at once with the new token and since', () => {
      const { sut, auth } = setup();
      const socket = connectLive(sut, 100);

      socket.serverClose(closeCodes.TOKEN_INVALID);

      expect(auth.refresh).toHaveBeenCalledTimes(1);
      expect(socketCount()).toBe(2);
      expect(FakeWebSocket.latest().params.get('token')).toBe('jwt-2');
      expect(FakeWebSocket.latest().params.get('since')).toBe('100');
    });

    it('on 4401 signs out and stops when the refresh is refused', () => {
      const { sut, auth, statuses } = setup();
      auth.nextRefresh = () => throwError(() => new HttpErrorResponse({ status: 401 }));
      const socket = connectLive(sut);

      socket.serverClose(closeCodes.TOKEN_INVALID);
      jest.advanceTimersByTime(120_000);

      expect(auth.signOut).toHaveBeenCalledTimes(1);
      expect(socketCount()).toBe(1);
      expect(statuses.at(-1)).toBe('disconnected');
    });

    it('on 4401 backs off without signing out when the refresh fails for lack of network', () => {
      const { sut, auth } = setup();
      auth.nextRefresh = () => throwError(() => new HttpErrorResponse({ status: 0 }));
      const socket = connectLive(sut);

      socket.serverClose(closeCodes.TOKEN_INVALID);
      auth.nextRefresh = () => of('jwt-3');
      auth.token = 'jwt-3';
      const next = expectReconnectAfter(1000);

      expect(auth.signOut).not.toHaveBeenCalled();
      expect(next.params.get('token')).toBe('jwt-3');
    });

    it('on 4403 signs out and never reconnects', () => {
      const { sut, auth } = setup();
      const socket = connectLive(sut);

      socket.serverClose(closeCodes.FORBIDDEN_USER);
      jest.advanceTimersByTime(120_000);

      expect(auth.signOut).toHaveBeenCalledTimes(1);
      expect(socketCount()).toBe(1);
    });

    it('sends {type:"auth"} with the fresh token on the open socket when the token is refreshed', () => {
      const { sut, auth } = setup();
      const socket = connectLive(sut);

      auth.tokenRefreshed$.next('jwt-fresh');

      expect(socket.sent).toContainEqual({ type: 'auth', token: 'jwt-fresh' });
      expect(socketCount()).toBe(1);
    });
  });

  describe('keep-alive', () => {
    it('sends {type:"ping", id} every 30 s and stays connected while pongs come back', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      jest.advanceTimersByTime(29_999);
      expect(socket.sent).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(socket.sent).toEqual([{ type: 'ping', id: 'ping-1' }]);
      socket.receive(message('pong', { id: 'ping-1' }));
      jest.advanceTimersByTime(30_000);

      expect(socket.sent).toEqual([
        { type: 'ping', id: 'ping-1' },
        { type: 'ping', id: 'ping-2' },
      ]);
      expect(statuses.at(-1)).toBe('connected');
    });

    it('treats a ping left unanswered for 5 s as a dead connection and reconnects', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      jest.advanceTimersByTime(PING_INTERVAL_MS + PONG_TIMEOUT_MS - 1);
      expect(statuses.at(-1)).toBe('connected');
      jest.advanceTimersByTime(1);

      expect(socket.closedByClient).not.toBeNull();
      expect(statuses.at(-1)).toBe('disconnected');
      expectReconnectAfter(1000);
    });

    it('pings at once when a REST request got no answer, and drops the socket if that ping goes unanswered', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      TestBed.inject(UnreachableReports).report();
      expect(socket.sent).toEqual([{ type: 'ping', id: 'ping-1' }]);
      jest.advanceTimersByTime(PONG_TIMEOUT_MS);

      expect(statuses.at(-1)).toBe('disconnected');
    });

    it('stays live when the probe is answered', () => {
      const { sut, statuses } = setup();
      const socket = connectLive(sut);

      TestBed.inject(UnreachableReports).report();
      socket.receive(message('pong', { id: 'ping-1' }));
      jest.advanceTimersByTime(PONG_TIMEOUT_MS * 2);

      expect(statuses.at(-1)).toBe('connected');
      expect(socketCount()).toBe(1);
    });
  });

  describe('browser offline / online', () => {
    let onLine = true;

    beforeEach(() => {
      onLine = true;
      jest.spyOn(window.navigator, 'onLine', 'get').mockImplementation(() => onLine);
    });

    afterEach(() => jest.restoreAllMocks());

    function goOffline(): void {
      onLine = false;
      window.dispatchEvent(new Event('offline'));
    }

    it('stops saying live at once on the offline event, and tries no socket until online', () => {
      const { sut, statuses } = setup();
      const views: unknown[] = [];
      sut.view$.subscribe((view) => views.push(view));
      const socket = connectLive(sut);

      goOffline();

      expect(statuses.at(-1)).toBe('disconnected');
      expect(views.at(-1)).toEqual({ status: 'disconnected', offline: true });
      expect(socket.closedByClient).not.toBeNull();
      jest.advanceTimersByTime(120_000);
      expect(socketCount()).toBe(1);

      onLine = true;
      window.dispatchEvent(new Event('online'));
      expect(socketCount()).toBe(2);
      FakeWebSocket.latest().open();
      FakeWebSocket.latest().receive(ack(100));
      expect(views.at(-1)).toEqual({ status: 'connected', offline: false });
    });

    it('does not poll while offline', () => {
      const { sut } = setup();
      let ticks = 0;
      sut.pollTick$.subscribe(() => ticks++);
      connectLive(sut);

      goOffline();
      jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);

      expect(ticks).toBe(0);
    });
  });

  describe('resync', () => {
    it('on resync_required emits resync$, closes the socket and waits for the REST seq to resume from', () => {
      const { sut, statuses } = setup();
      const reasons: string[] = [];
      sut.resync$.subscribe((reason) => reasons.push(reason));
      const socket = connectLive(sut, 100);

      socket.receive(message('resync_required', { reason: 'since too old' }));
      jest.advanceTimersByTime(4_000);

      expect(reasons).toEqual(['since too old']);
      expect(socket.closedByClient).not.toBeNull();
      expect(socketCount()).toBe(1);
      expect(statuses.at(-1)).toBe('connecting');

      sut.resumeFrom(5000);

      expect(socketCount()).toBe(2);
      expect(FakeWebSocket.latest().params.get('since')).toBe('5000');
    });

    it('resumes from the log head if nobody answers the resync within 5 s', () => {
      const { sut } = setup();
      connectLive(sut, 100).receive(message('resync_required', { reason: 'since too old' }));

      const next = expectReconnectAfter(5_000);

      expect(next.params.get('since')).toBeNull();
    });

    it('ignores resumeFrom when no resync is pending', () => {
      const { sut } = setup();
      connectLive(sut, 100);

      sut.resumeFrom(5);

      expect(socketCount()).toBe(1);
    });
  });

  describe('polling fallback', () => {
    it('is on while signed in and not connected, and off once connected', () => {
      const { sut } = setup();
      const polling: boolean[] = [];
      sut.pollingFallback$.subscribe((value) => polling.push(value));

      sut.connect();
      FakeWebSocket.latest().open();
      FakeWebSocket.latest().receive(ack(1));
      FakeWebSocket.latest().serverClose(1006);
      jest.advanceTimersByTime(1000);
      FakeWebSocket.latest().open();
      FakeWebSocket.latest().receive(ack(1));

      expect(polling).toEqual([false, true, false, true, false]);
    });

    it('ticks every 5 s while polling and stops ticking when connected again', () => {
      const { sut } = setup();
      let ticks = 0;
      sut.pollTick$.subscribe(() => ticks++);
      sut.connect();
      FakeWebSocket.latest().serverClose(1006);

      jest.advanceTimersByTime(1000);
      jest.advanceTimersByTime(14_000);
      expect(ticks).toBe(3);

      FakeWebSocket.latest().open();
      FakeWebSocket.latest().receive(ack(1));
      jest.advanceTimersByTime(30_000);
      expect(ticks).toBe(3);
    });

    it('is off after sign-out', () => {
      const { sut } = setup();
      const polling: boolean[] = [];
      sut.pollingFallback$.subscribe((value) => polling.push(value));

      sut.connect();
      sut.disconnect();

      expect(polling.at(-1)).toBe(false);
    });
  });

  it('uses task snapshots as they arrive (payload passes through untouched)', () => {
    const { sut } = setup();
    const task = aTask({ title: 'Quarterly plan' });
    const received: AnyServerMessage[] = [];
    sut.on('task_completed').subscribe((m) => received.push(m));

    connectLive(sut, 1).receive(taskEvent('task_completed', 2, task));

    expect(received[0]?.data).toEqual(expect.objectContaining({ task }));
  });
});
