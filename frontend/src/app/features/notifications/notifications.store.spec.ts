import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Subject, filter, of } from 'rxjs';
import type { AnyServerMessage, NotificationPage } from '@taskpulse/contract';
import { aNotification, message } from '../../../testing/builders';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TaskStore } from '../tasks';
import { NotificationsStore } from './notifications.store';

function setup(page: NotificationPage) {
  const events = new Subject<AnyServerMessage>();
  const posts: unknown[] = [];
  let answer = new Subject<NotificationPage>();
  const http = {
    get: (url: string) => (url === '/api/notifications' ? answer : of({ id: 'task-1', title: 'Launch plan' })),
    post: (_url: string, body: unknown) => {
      posts.push(body);
      return of(undefined);
    },
  };
  TestBed.configureTestingModule({
    providers: [
      { provide: HttpClient, useValue: http },
      {
        provide: RealtimeService,
        useValue: { on: (type: string) => events.pipe(filter((m) => m.event_type === type)), resync$: new Subject() },
      },
      { provide: TaskStore, useValue: { lastKnown: () => undefined } },
    ],
  });
  const sut = TestBed.inject(NotificationsStore);
  const answerWith = (next: NotificationPage = page) => {
    answer.next(next);
    answer.complete();
    answer = new Subject<NotificationPage>();
  };
  return { sut, events, posts, answerWith };
}

const unreadOne = aNotification({ id: 'n1' });
const readOne = aNotification({ id: 'n0', readAt: '2026-02-01T00:00:00.000Z' });

describe('NotificationsStore', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('reads the latest and the unread count, then counts new ones live', () => {
    const { sut, events, answerWith } = setup({ items: [unreadOne, readOne], unread_count: 1, next_cursor: null });
    sut.load();
    answerWith();

    events.next(message('notification_created', { notification: aNotification({ id: 'n2' }), actor: null }, 5));
    events.next(message('notification_created', { notification: aNotification({ id: 'n2' }), actor: null }, 5));

    expect(sut.unread()).toBe(2);
    expect(sut.items().map((n) => n.id)).toEqual(['n2', 'n1', 'n0']);
  });

  it('keeps one that arrives while the list is being read, if the answer was read before it', () => {
    const { sut, events, answerWith } = setup({ items: [readOne], unread_count: 0, next_cursor: null });
    sut.load();

    events.next(message('notification_created', { notification: unreadOne, actor: null }, 5));
    answerWith();

    expect(sut.unread()).toBe(1);
    expect(sut.items().map((n) => n.id)).toEqual(['n1', 'n0']);
  });

  it('clears the badge when another tab marks all read', () => {
    const { sut, events, answerWith } = setup({ items: [unreadOne], unread_count: 1, next_cursor: null });
    sut.load();
    answerWith();

    events.next(message('notifications_read', { all: true, actor: null }, 6));

    expect(sut.unread()).toBe(0);
    expect(sut.items()[0].readAt).not.toBeNull();
  });

  it('marks one read here at once, tells the server, and asks the server for the count when ids are not listed here', () => {
    const { sut, events, posts, answerWith } = setup({ items: [unreadOne], unread_count: 3, next_cursor: null });
    sut.load();
    answerWith();

    sut.markRead(['n1']);
    expect([sut.unread(), posts]).toEqual([2, [{ ids: ['n1'] }]]);
    events.next(message('notifications_read', { ids: ['n1'], actor: null }, 7));
    expect(sut.unread()).toBe(2);

    events.next(message('notifications_read', { ids: ['older'], actor: null }, 8));
    answerWith({ items: [{ ...unreadOne, readAt: 'x' }], unread_count: 1, next_cursor: null });
    expect(sut.unread()).toBe(1);
  });

  it('finds the title of a task it does not know, once', () => {
    const { sut } = setup({ items: [], unread_count: 0, next_cursor: null });

    expect(sut.titleOf('task-1')).toBeNull();
    expect(sut.titleOf('task-1')).toBe('Launch plan');
  });
});
