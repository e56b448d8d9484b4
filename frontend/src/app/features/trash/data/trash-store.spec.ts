import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { AnyServerMessage, TrashPage, TrashedTaskDto } from '@taskpulse/contract';
import { aTrashedTask, message, taskEvent } from '../../../../testing/builders';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { type RestoreResult, TRASH_REFETCH_INTERVAL_MS, TRASH_REVISIT_MS, TrashStore } from './trash-store';

const ME = 'user-me';

function setup() {
  const events = new Subject<AnyServerMessage>();
  const resync = new Subject<string>();
  const pollTick = new Subject<number>();
  TestBed.configureTestingModule({
    providers: [
      TrashStore,
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: RealtimeService, useValue: { events$: events, resync$: resync, pollTick$: pollTick } },
    ],
  });
  const sut = TestBed.inject(TrashStore);
  const backend = TestBed.inject(HttpTestingController);
  const trashRequests = () => backend.match((request) => request.url === '/api/trash');
  /** Answers the one read of the trash on its way. */
  const answer = (items: TrashedTaskDto[], next_cursor: string | null = null) => {
    const [request] = trashRequests();
    expect(request).toBeDefined();
    request.flush({ items, next_cursor } satisfies TrashPage);
    return request.request;
  };
  const ids = () => sut.items().map((task) => task.id);
  const restore = (task: TrashedTaskDto) => {
    const results: RestoreResult[] = [];
    sut.restore(task).subscribe((result) => results.push(result));
    return { results, request: backend.expectOne(`/api/tasks/${task.id}/restore`) };
  };
  return { sut, backend, events, resync, pollTick, answer, trashRequests, ids, restore };
}

const a = aTrashedTask({ id: 'a', title: 'Renew the domain', deletedAt: '2026-02-07T12:03:00.000Z' });
const b = aTrashedTask({ id: 'b', title: 'Order the badges', deletedAt: '2026-02-07T12:02:00.000Z' });
const c = aTrashedTask({ id: 'c', title: 'Call the venue', deletedAt: '2026-02-07T12:01:00.000Z' });

describe('TrashStore', () => {
  beforeEach(() => jest.useFakeTimers());

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('reads the trash newest first and says when it has been read', () => {
    const { sut, answer, ids } = setup();

    sut.open();
    expect(sut.loading()).toBe(true);
    expect(sut.loaded()).toBe(false);
    const request = answer([a, b]);

    expect(request.params.get('limit')).toBe('50');
    expect(ids()).toEqual(['a', 'b']);
    expect(sut.loading()).toBe(false);
    expect(sut.loaded()).toBe(true);
    sut.close();
  });

  it('"Load more" reads the trash again with a page more, in one request', () => {
    const { sut, answer, ids } = setup();
    const page = Array.from({ length: 50 }, (_, i) => aTrashedTask({ id: `p${i}` }));
    sut.open();
    answer(page, 'cursor-1');

    sut.loadMore();
    expect(sut.loading()).toBe(true);
    const request = answer([...page, a, b]);

    expect(request.params.get('limit')).toBe('100');
    expect(request.params.has('cursor')).toBe(false);
    expect(ids().slice(48)).toEqual(['p48', 'p49', 'a', 'b']);
    expect(sut.nextCursor()).toBeNull();
    sut.close();
  });

  it('says why the trash could not be read, in words for people', () => {
    const { sut, trashRequests } = setup();
    sut.open();

    trashRequests()[0].flush({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' }, { status: 500, statusText: 'Internal Server Error' });

    expect(sut.error()).toBe('Something went wrong on the server. Please try again.');
    expect(sut.loaded()).toBe(false);
    sut.close();
  });

  it('a restore takes the row away and answers the restored task', () => {
    const { sut, answer, ids, restore } = setup();
    sut.open();
    answer([a, b]);

    const { results, request } = restore(a);
    expect(request.request.method).toBe('POST');
    expect(sut.restoring().has('a')).toBe(true);
    request.flush({ ...a, version: 2 });

    expect(ids()).toEqual(['b']);
    expect(sut.restoring().size).toBe(0);
    expect(results).toEqual([{ restored: expect.objectContaining({ id: 'a', title: 'Renew the domain' }) }]);
    sut.close();
  });

  it('keeps the row and says why when the server cannot be reached', () => {
    const { sut, answer, ids, restore } = setup();
    sut.open();
    answer([a]);

    const { results, request } = restore(a);
    request.error(new ProgressEvent('error'), { status: 0 });

    expect(ids()).toEqual(['a']);
    expect(sut.restoring().size).toBe(0);
    expect(results).toEqual([{ failed: 'Could not restore “Renew the domain”. Cannot reach the server. Check your connection and try again.' }]);
    sut.close();
  });

  it('takes away a row the server no longer has (purged meanwhile) and says so', () => {
    const { sut, answer, ids, restore } = setup();
    sut.open();
    answer([a, b]);

    const { results, request } = restore(b);
    request.flush({ statusCode: 404, error: 'Not Found', message: 'Task not found' }, { status: 404, statusText: 'Not Found' });

    expect(ids()).toEqual(['a']);
    expect(results).toEqual([
      { failed: '“Order the badges” can no longer be restored: it was deleted for good, or you no longer have access to it.' },
    ]);
    sut.close();
  });

  it('on a 403 keeps the row, passes on the reason and reads the trash again', () => {
    const { sut, answer, ids, restore } = setup();
    sut.open();
    answer([a]);

    const { results, request } = restore(a);
    const reason = 'Only the owner or a team admin can restore this task';
    request.flush({ statusCode: 403, error: 'Forbidden', message: reason }, { status: 403, statusText: 'Forbidden' });

    expect(ids()).toEqual(['a']);
    expect(results).toEqual([{ failed: `Could not restore “Renew the domain”. ${reason}.` }]);
    answer([a]);
    sut.close();
  });

  it('takes away a task restored elsewhere, also from a read that was on its way', () => {
    const { sut, answer, events, ids, pollTick } = setup();
    sut.open();
    answer([a, b, c]);

    events.next(taskEvent('task_restored', 5, { ...c, version: 2 }));
    expect(ids()).toEqual(['a', 'b']);

    pollTick.next(1);
    events.next(taskEvent('task_restored', 6, { ...b, version: 2 }));
    answer([a, b]);

    expect(ids()).toEqual(['a']);
    sut.close();
  });

  it('reads the trash again when a task I may restore is deleted, not for a personal task of someone else', () => {
    const { sut, answer, events, ids, trashRequests } = setup();
    sut.open();
    answer([b]);

    events.next(taskEvent('task_deleted', 7, null, { taskId: 'x', actor: 'user-other' }));
    expect(trashRequests()).toHaveLength(0);

    events.next(taskEvent('task_deleted', 8, null, { taskId: 'a', actor: ME }));
    answer([a, b]);
    expect(ids()).toEqual(['a', 'b']);

    // A team task deleted by someone else: mine to restore if I own it or administer the team.
    events.next(message('task_deleted', { task_id: 'd', user_id: 'user-other', team_id: 'team-1', task: null, actor: null }, 9));
    answer([a, b]);
    sut.close();
  });

  it('under a burst of deletions reads the trash again at most once per interval after the first pair', () => {
    const { sut, answer, events, trashRequests } = setup();
    sut.open();
    answer([]);

    for (let seq = 10; seq < 20; seq++) events.next(taskEvent('task_deleted', seq, null, { taskId: `t${seq}`, actor: ME }));
    // The first pair goes through at once (the second read replaces the first); the rest wait.
    const reads = trashRequests();
    expect(reads.map((request) => request.cancelled)).toEqual([true, false]);
    reads[1].flush({ items: [], next_cursor: null });
    expect(trashRequests()).toHaveLength(0);

    // The other eight become one read, once the interval has passed.
    jest.advanceTimersByTime(TRASH_REFETCH_INTERVAL_MS);
    answer([]);
    jest.advanceTimersByTime(TRASH_REFETCH_INTERVAL_MS * 5);
    expect(trashRequests()).toHaveLength(0);
    sut.close();
  });

  it('reads again after a resync, when I join a team, and every so often for purges; not after close', () => {
    const { sut, answer, events, resync, trashRequests } = setup();
    sut.open();
    answer([a]);

    resync.next('since_too_old');
    answer([a]);
    events.next(message('team_member_added', { team_id: 't', user_id: ME, actor_id: 'x', role: 'admin', actor: null }, 3));
    answer([a, b]);
    events.next(message('team_member_added', { team_id: 't', user_id: 'someone', actor_id: 'x', role: 'member', actor: null }, 4));
    jest.advanceTimersByTime(TRASH_REFETCH_INTERVAL_MS);
    expect(trashRequests()).toHaveLength(0);

    jest.advanceTimersByTime(TRASH_REVISIT_MS);
    answer([b]);
    expect(sut.items().map((task) => task.id)).toEqual(['b']);

    sut.close();
    resync.next('since_too_old');
    jest.advanceTimersByTime(TRASH_REVISIT_MS);
    expect(trashRequests()).toHaveLength(0);
  });

  it('reads on past a short page (tasks it may not restore are left out of a page) until the list is full', () => {
    const { sut, answer, backend, resync } = setup();
    sut.open();
    const many = Array.from({ length: 50 }, (_, i) => aTrashedTask({ id: `m${i}` }));
    answer(many, 'page-2');
    sut.loadMore();
    answer([...many.slice(0, 40)], 'short');
    const rest = backend.expectOne((request) => request.params.get('cursor') === 'short');
    expect(rest.request.params.get('limit')).toBe('60');
    rest.flush({ items: [...many.slice(40), a], next_cursor: null });
    expect(sut.items()).toHaveLength(51);

    resync.next('since_too_old');
    expect(answer([...many, a]).params.get('limit')).toBe('100');

    expect(sut.items()).toHaveLength(51);
    expect(sut.nextCursor()).toBeNull();
    sut.close();
  });

  it('reads at most 200 tasks a request', () => {
    const { sut, answer, backend } = setup();
    sut.open();
    for (let shown = 50; shown < 250; shown += 50) {
      answer(Array.from({ length: shown }, (_, i) => aTrashedTask({ id: `t${i}` })), 'more');
      sut.loadMore();
    }
    const first = backend.expectOne((request) => request.url === '/api/trash' && !request.params.has('cursor'));
    expect(first.request.params.get('limit')).toBe('200');
    first.flush({ items: Array.from({ length: 200 }, (_, i) => aTrashedTask({ id: `t${i}` })), next_cursor: 'after-200' });
    const second = backend.expectOne((request) => request.params.get('cursor') === 'after-200');
    expect(second.request.params.get('limit')).toBe('50');
    second.flush({ items: [a], next_cursor: null });

    expect(sut.items()).toHaveLength(201);
    sut.close();
  });
});
