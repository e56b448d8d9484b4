import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject, filter } from 'rxjs';
import type { AnyServerMessage, ClientMessage, PresenceUser } from '@taskpulse/contract';
import { AuthService } from '../auth/auth.service';
import { initialsOf, presenceText } from '../ui/presence/presence.component';
import type { ConnectionView } from './connection-state';
import { PRESENCE_HEARTBEAT_MS, PresenceService } from './presence.service';
import { RealtimeService } from './realtime.service';

const TASK = '00000000-0000-4000-8000-00000000000a';
const ada: PresenceUser = { user_id: 'user-ada', name: 'Ada Park', state: 'viewing', field: null };
const ben: PresenceUser = { user_id: 'user-ben', name: 'Ben Okafor', state: 'editing', field: 'title' };

function setup() {
  const messages = new Subject<AnyServerMessage>();
  const view = new BehaviorSubject<ConnectionView>({ status: 'connected', offline: false });
  const sent: ClientMessage[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthService, useValue: { userId: () => 'user-me', signedOut$: new Subject<void>() } },
      {
        provide: RealtimeService,
        useValue: {
          on: (type: string) => messages.pipe(filter((m) => m.event_type === type)),
          view$: view,
          send: (message: ClientMessage) => sent.push(message),
        },
      },
    ],
  });
  const sut = TestBed.inject(PresenceService);
  const http = TestBed.inject(HttpTestingController);
  const receive = (users: PresenceUser[]) =>
    messages.next({ event_type: 'presence', timestamp: '2026-01-01T00:00:00.000Z', data: { task_id: TASK, users } });
  const ack = (connectionId: string) =>
    messages.next({
      event_type: 'connection_ack',
      timestamp: '2026-01-01T00:00:00.000Z',
      data: { user_id: 'user-me', connection_id: connectionId, seq: 1, heartbeat_ms: 30_000, expires_at: '2026-01-01T00:15:00.000Z' },
    });
  return { sut, http, sent, view, receive, ack };
}

describe('PresenceService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends this tab’s presence at once, repeats it within the server’s expiry, sends changes only, and `left` at the end', () => {
    const { sut, sent } = setup();
    const handle = sut.track(TASK, { state: 'editing', field: 'title' });
    expect(sent).toEqual([{ type: 'presence', task_id: TASK, state: 'editing', field: 'title' }]);

    handle.set({ state: 'editing', field: 'title' });
    expect(sent).toHaveLength(1);
    handle.set({ state: 'viewing', field: null });
    expect(sent.at(-1)).toEqual({ type: 'presence', task_id: TASK, state: 'viewing' });

    jest.advanceTimersByTime(PRESENCE_HEARTBEAT_MS);
    expect(sent).toHaveLength(3);
    expect(PRESENCE_HEARTBEAT_MS).toBeLessThan(30_000 / 2);

    handle.stop();
    expect(sent.at(-1)).toEqual({ type: 'presence', task_id: TASK, state: 'left' });
    jest.advanceTimersByTime(PRESENCE_HEARTBEAT_MS * 3);
    expect(sent).toHaveLength(4);
  });

  it('goes over REST with the stream’s connection id while live over server-sent events', () => {
    const { sut, http, sent, view, ack } = setup();
    view.next({ status: 'connected', offline: false, transport: 'sse' });
    ack('conn-1');
    sut.track(TASK, { state: 'editing', field: 'description' });

    const request = http.expectOne('/api/presence');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ task_id: TASK, state: 'editing', field: 'description', connection_id: 'conn-1' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    expect(sent).toEqual([]);
    http.verify();
  });

  it('keeps who else is on a task, editing first, never this user; a new connection forgets and repeats its own', () => {
    const { sut, sent, receive, ack } = setup();
    receive([ada, ben, { ...ada, user_id: 'user-me', name: 'Me' }]);
    expect(sut.usersOn(TASK)).toEqual([ben, ada]);
    receive([]);
    expect(sut.usersOn(TASK)).toEqual([]);

    sut.track(TASK, { state: 'viewing', field: null });
    receive([ada]);
    ack('conn-2');
    expect(sut.usersOn(TASK)).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it('says what each person does in words', () => {
    expect(presenceText(ben)).toBe('Ben Okafor is editing the title');
    expect(presenceText({ ...ben, field: 'dueDate' })).toBe('Ben Okafor is editing the due date');
    expect(presenceText({ ...ben, field: null })).toBe('Ben Okafor is editing');
    expect(presenceText(ada)).toBe('Ada Park is viewing');
    expect([initialsOf('Ada Park'), initialsOf('cher'), initialsOf('Jean Luc Picard')]).toEqual(['AP', 'C', 'JP']);
  });
});
