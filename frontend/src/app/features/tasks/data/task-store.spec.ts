import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';
import type { AnyServerMessage, TaskDto } from '@taskpulse/contract';
import { aTask, message, taskEvent } from '../../../../testing/builders';
import type { TaskPage } from '../../../core/api/api.types';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { DEFAULT_QUERY, newestFirst } from './task-query';
import { TAB_CHANNEL_FACTORY } from '../../../core/tabs/tab-apis';
import { MergeConflicts } from './merge-conflicts';
import { TaskSync } from './task-sync';
import { type AppliedTaskEvent, HIGHLIGHT_MS, TaskStore } from './task-store';

class FakeRealtime {
  readonly events = new Subject<AnyServerMessage>();
  readonly events$ = this.events.asObservable();
  readonly resync$ = new Subject<string>();
  covered: number | null = 0;
  readonly resumeFrom = jest.fn();
  coveredSince(): number | null {
    return this.covered;
  }
}

const ME = 'user-me';

function setup() {
  const realtime = new FakeRealtime();
  const user = signal({ id: ME, email: 'me@example.com', name: 'Me' });
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: RealtimeService, useValue: realtime },
      {
        provide: AuthService,
        useValue: { user, userId: () => ME, user$: new BehaviorSubject(user()), signedOut$: new Subject<void>() },
      },
      { provide: TAB_CHANNEL_FACTORY, useValue: () => null },
    ],
  });
  const sut = TestBed.inject(TaskStore);
  const backend = TestBed.inject(HttpTestingController);
  return { sut, realtime, backend };
}

function page(items: TaskDto[], seq: number, nextCursor: string | null = null): TaskPage {
  return { items, next_cursor: nextCursor, seq };
}

function expectList(backend: HttpTestingController): TestRequest {
  return backend.expectOne((request) => request.url === '/api/tasks' && request.method === 'GET');
}

/** Lets the outbox store a change and start sending it (IndexedDB, or its in-memory stand-in, answers asynchronously). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function titles(sut: TaskStore): string[] {
  return sut.tasks().map((task) => task.title);
}

describe('TaskStore', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('loads the first page of the query, newest first', () => {
    const { sut, backend } = setup();
    const older = aTask({ title: 'older' });
    const newer = aTask({ title: 'newer' });

    sut.open(DEFAULT_QUERY);
    const request = expectList(backend);
    request.flush(page([older, newer], 10));

    expect(request.request.params.get('scope')).toBe('all');
    expect(titles(sut)).toEqual(['newer', 'older']);
  });

  it('upserts the task snapshot of an event in place, without refetching the list', () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'Quarterly plan' });
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    realtime.events.next(taskEvent('task_completed', 11, { ...task, status: 'completed', version: 2 }));

    backend.expectNone('/api/tasks');
    expect(sut.get(task.id)).toEqual(expect.objectContaining({ status: 'completed', version: 2 }));
  });

  it('removes a task when the event carries task: null', () => {
    const { sut, realtime, backend } = setup();
    const kept = aTask({ title: 'kept' });
    const gone = aTask({ title: 'gone' });
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([kept, gone], 10));

    realtime.events.next(taskEvent('task_unshared', 11, null, { taskId: gone.id }));

    expect(titles(sut)).toEqual(['kept']);
  });

  it('adds a task created by someone else at the top', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([aTask({ title: 'mine' })], 10));

    realtime.events.next(taskEvent('task_created', 11, aTask({ title: 'theirs', ownerId: 'user-other', permission: 'edit' })));

    expect(titles(sut)).toEqual(['theirs', 'mine']);
  });

  it('never replaces a task with an older version', () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'v3', version: 3 });
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    realtime.events.next(taskEvent('task_updated', 11, { ...task, title: 'v2', version: 2 }));

    expect(titles(sut)).toEqual(['v3']);
  });

  it('re-applies events that arrived while the REST page was in flight', () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'before' });
    sut.open(DEFAULT_QUERY);
    const request = expectList(backend);

    realtime.events.next(taskEvent('task_updated', 12, { ...task, title: 'after', version: 2 }));
    realtime.events.next(taskEvent('task_deleted', 13, null, { taskId: 'task-deleted' }));
    request.flush(page([task, aTask({ id: 'task-deleted', title: 'deleted' })], 11));

    expect(titles(sut)).toEqual(['after']);
  });

  it('highlights a row changed by someone else for 1.5 s, but not the echo of my own change', () => {
    jest.useFakeTimers();
    const { sut, realtime, backend } = setup();
    const theirs = aTask({ title: 'theirs' });
    const mine = aTask({ title: 'mine' });
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([theirs, mine], 10));
    const ownMutation = TestBed.inject(MutationIds).issue();

    realtime.events.next(taskEvent('task_updated', 11, { ...theirs, version: 2 }));
    realtime.events.next(taskEvent('task_updated', 12, { ...mine, version: 2 }, { mutationId: ownMutation, actor: ME }));

    expect([...sut.highlighted()]).toEqual([theirs.id]);
    jest.advanceTimersByTime(HIGHLIGHT_MS);
    expect(sut.highlighted().size).toBe(0);
  });

  it('drops the tasks of a team I was removed from, except the ones I own, then refetches for those still shared with me', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(
      page(
        [
          aTask({ title: 'team, theirs', teamId: 'team-1', ownerId: 'user-other', permission: 'team' }),
          aTask({ title: 'team, mine', teamId: 'team-1' }),
          aTask({ title: 'other team', teamId: 'team-2', ownerId: 'user-other', permission: 'team' }),
        ],
        10,
      ),
    );

    realtime.events.next(message('team_member_removed', { team_id: 'team-1', user_id: ME, actor_id: 'user-admin', actor: null }, 11));

    expect(titles(sut).sort()).toEqual(['other team', 'team, mine']);
    const stillShared = aTask({ title: 'team, shared with me', teamId: 'team-1', ownerId: 'user-other', permission: 'edit' });
    expectList(backend).flush(page([stillShared, aTask({ title: 'team, mine', teamId: 'team-1' })], 11));
    expect(titles(sut).sort()).toEqual(['team, mine', 'team, shared with me']);
  });

  it('refetches the list when I am added to a team', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([], 10));

    realtime.events.next(message('team_member_added', { team_id: 'team-1', user_id: ME, actor_id: 'user-admin', role: 'member', actor: null }, 11));

    expectList(backend).flush(page([aTask({ title: 'team task', teamId: 'team-1' })], 11));
    expect(titles(sut)).toEqual(['team task']);
  });

  /** Opens the list and presses "Load more" until `count` of `all` are loaded (pages of 50, cursors c50, c100 …). */
  function loadUpTo(sut: TaskStore, backend: HttpTestingController, all: TaskDto[], count: number): void {
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page(all.slice(0, 50), 10, 'c50'));
    for (let loaded = 50; loaded < count; loaded += 50) {
      sut.loadMore();
      const more = expectList(backend);
      expect(more.request.params.get('cursor')).toBe(`c${loaded}`);
      more.flush(page(all.slice(loaded, loaded + 50), 10, `c${loaded + 50}`));
    }
  }

  it('keeps everything loaded when it refetches: 300 rows are read again in pages of 200, not cut to one page', () => {
    const { sut, realtime, backend } = setup();
    const all = Array.from({ length: 500 }, (_, i) => aTask({ title: `task ${i}`, teamId: 'team-1' })).sort(newestFirst);
    loadUpTo(sut, backend, all, 300);
    expect(sut.tasks()).toHaveLength(300);

    realtime.events.next(message('team_member_added', { team_id: 'team-2', user_id: ME, actor_id: 'user-admin', role: 'member', actor: null }, 11));
    const first = expectList(backend);
    expect([first.request.params.get('limit'), first.request.params.get('cursor')]).toEqual(['200', null]);
    first.flush(page(all.slice(0, 200), 11, 'c200'));
    const second = expectList(backend);
    expect([second.request.params.get('limit'), second.request.params.get('cursor')]).toEqual(['100', 'c200']);
    second.flush(page(all.slice(200, 300), 11, 'c300'));

    expect(sut.tasks()).toEqual(all.slice(0, 300));
    sut.loadMore();
    expect(expectList(backend).request.params.get('cursor')).toBe('c300');
  });

  it('reads on when new tasks push the loaded ones down: none of them drops off the end', () => {
    const { sut, realtime, backend } = setup();
    const all = Array.from({ length: 400 }, (_, i) => aTask({ title: `task ${i}` })).sort(newestFirst);
    loadUpTo(sut, backend, all, 200);
    const added = [
      aTask({ title: 'new 1', createdAt: '2030-01-01T00:00:01.000Z' }),
      aTask({ title: 'new 2', createdAt: '2030-01-01T00:00:02.000Z' }),
    ];
    const now = [...added, ...all].sort(newestFirst);

    realtime.resync$.next('since too old');
    expectList(backend).flush(page(now.slice(0, 200), 20, 'd200'));
    const more = expectList(backend);
    expect(more.request.params.get('limit')).toBe('50');
    more.flush(page(now.slice(200, 250), 20, 'd250'));

    expect(titles(sut)).toEqual(now.slice(0, 250).map((task) => task.title));
    expect(all.slice(0, 200).every((task) => sut.get(task.id))).toBe(true);
    expect(realtime.resumeFrom).toHaveBeenCalledWith(20);
  });

  it('"Load more" during a refetch appends once the refetch is done, from its cursor', () => {
    const { sut, backend } = setup();
    const all = Array.from({ length: 120 }, (_, i) => aTask({ title: `task ${i}` })).sort(newestFirst);
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page(all.slice(0, 50), 10, 'c50'));

    sut.refresh();
    sut.loadMore();
    expect(sut.loading()).toBe(true);
    expectList(backend).flush(page(all.slice(0, 50), 10, 'c50'));
    const more = expectList(backend);

    expect(more.request.params.get('cursor')).toBe('c50');
    more.flush(page(all.slice(50, 100), 10, 'c100'));
    expect(sut.tasks()).toHaveLength(100);
    expect(sut.loading()).toBe(false);
  });

  it('remembers a task it deleted, so the echo of the deletion still has its title', async () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'Old idea' });
    const applied: AppliedTaskEvent[] = [];
    sut.applied$.subscribe((event) => applied.push(event));
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    TestBed.inject(TaskSync).remove(task).subscribe();
    expect(titles(sut)).toEqual([]);
    await settle();
    backend.expectOne(`/api/tasks/${task.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(titles(sut)).toEqual([]);
    realtime.events.next(taskEvent('task_deleted', 11, null, { taskId: task.id, actor: ME }));

    expect(applied[0]?.previous?.title).toBe('Old idea');
  });

  it('still knows the title of a task loaded before the tasks page closed', () => {
    const { sut, backend } = setup();
    const task = aTask({ title: 'Seen on the tasks page' });
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    sut.close();

    expect(sut.get(task.id)).toBeUndefined();
    expect(sut.lastKnown(task.id)?.title).toBe('Seen on the tasks page');
  });

  it('on resync refetches over REST and resumes the socket from the answer seq', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([], 10));

    realtime.resync$.next('since too old');
    expectList(backend).flush(page([aTask()], 4242));

    expect(realtime.resumeFrom).toHaveBeenCalledWith(4242);
  });

  it('shows an edit at once; on a 409 for the same field keeps the fresh version and offers mine and theirs', async () => {
    const { sut, backend } = setup();
    const task = aTask({ title: 'mine', version: 1 });
    const fresh = { ...task, title: 'changed elsewhere', version: 2 };
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    TestBed.inject(TaskSync).update(task, { title: 'my edit' }).subscribe();
    expect(titles(sut)).toEqual(['my edit']);
    await settle();
    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    patch.flush({ statusCode: 409, error: 'Conflict', message: 'Task was changed', task: fresh }, { status: 409, statusText: 'Conflict' });
    await settle();

    expect(patch.request.body).toEqual({ title: 'my edit', version: 1 });
    backend.expectNone(`/api/tasks/${task.id}`);
    expect(sut.get(task.id)).toEqual(fresh);
    expect(TestBed.inject(MergeConflicts).all()).toEqual([
      { taskId: task.id, field: 'title', base: 'mine', mine: 'my edit', theirs: 'changed elsewhere' },
    ]);
  });

  it("recognises the echo of a queued change by its mutation id: applied once, not highlighted as someone else's", async () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'Draft', version: 1 });
    const applied: AppliedTaskEvent[] = [];
    sut.applied$.subscribe((event) => applied.push(event));
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));

    TestBed.inject(TaskSync).update(task, { title: 'Final' }).subscribe();
    await settle();
    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    const mutationId = patch.request.headers.get('X-Mutation-Id') ?? '';
    // The echo arrives before the HTTP answer.
    realtime.events.next(taskEvent('task_updated', 11, { ...task, title: 'Final', version: 2 }, { mutationId, actor: ME }));
    expect(titles(sut)).toEqual(['Final']);
    patch.flush({ ...task, title: 'Final', version: 2 });
    await settle();

    expect(titles(sut)).toEqual(['Final']);
    expect(sut.get(task.id)?.version).toBe(2);
    expect(sut.highlighted().size).toBe(0);
    expect(applied.map((event) => event.own)).toEqual([true]);
  });

  it('hides tasks that no longer match the status filter after an event', () => {
    const { sut, realtime, backend } = setup();
    const task = aTask({ title: 'to finish' });
    sut.open({ ...DEFAULT_QUERY, status: 'pending' });
    expectList(backend).flush(page([task], 10));

    realtime.events.next(taskEvent('task_completed', 11, { ...task, status: 'completed', version: 2 }));

    expect(titles(sut)).toEqual([]);
  });
});
