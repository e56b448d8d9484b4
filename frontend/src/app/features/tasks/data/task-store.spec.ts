import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { AnyServerMessage, TaskDto } from '@taskpulse/contract';
import { aTask, message, taskEvent } from '../../../../testing/builders';
import type { TaskPage } from '../../../core/api/api.types';
import { MutationIds } from '../../../core/api/mutation-ids';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { DEFAULT_QUERY } from './task-query';
import { HIGHLIGHT_MS, StaleTaskError, TaskStore } from './task-store';

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
      { provide: AuthService, useValue: { user, userId: () => ME } },
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

    realtime.events.next(message('team_member_removed', { team_id: 'team-1', user_id: ME, actor_id: 'user-admin' }, 11));

    expect(titles(sut).sort()).toEqual(['other team', 'team, mine']);
    const stillShared = aTask({ title: 'team, shared with me', teamId: 'team-1', ownerId: 'user-other', permission: 'edit' });
    expectList(backend).flush(page([stillShared, aTask({ title: 'team, mine', teamId: 'team-1' })], 11));
    expect(titles(sut).sort()).toEqual(['team, mine', 'team, shared with me']);
  });

  it('refetches the list when I am added to a team', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([], 10));

    realtime.events.next(message('team_member_added', { team_id: 'team-1', user_id: ME, actor_id: 'user-admin', role: 'member' }, 11));

    expectList(backend).flush(page([aTask({ title: 'team task', teamId: 'team-1' })], 11));
    expect(titles(sut)).toEqual(['team task']);
  });

  it('on resync refetches over REST and resumes the socket from the answer seq', () => {
    const { sut, realtime, backend } = setup();
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([], 10));

    realtime.resync$.next('since too old');
    expectList(backend).flush(page([aTask()], 4242));

    expect(realtime.resumeFrom).toHaveBeenCalledWith(4242);
  });

  it('turns a 409 on a stale edit into StaleTaskError and keeps the fresh version', () => {
    const { sut, backend } = setup();
    const task = aTask({ title: 'mine', version: 1 });
    const fresh = { ...task, title: 'changed elsewhere', version: 2 };
    sut.open(DEFAULT_QUERY);
    expectList(backend).flush(page([task], 10));
    let failure: unknown;

    sut.update(task, { title: 'my edit' }).subscribe({ error: (error: unknown) => (failure = error) });
    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    patch.flush(
      { statusCode: 409, error: 'Conflict', message: 'Task was changed', task: fresh },
      { status: 409, statusText: 'Conflict' },
    );

    expect(patch.request.body).toEqual({ title: 'my edit', version: 1 });
    expect(failure).toBeInstanceOf(StaleTaskError);
    expect((failure as StaleTaskError).current).toEqual(fresh);
    expect(sut.get(task.id)).toEqual(fresh);
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
