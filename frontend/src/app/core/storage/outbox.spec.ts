import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';
import type { User } from '../api/api.types';
import { MutationIds } from '../api/mutation-ids';
import { AuthService } from '../auth/auth.service';
import { RANDOM_SOURCE } from '../realtime/realtime.tokens';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS } from '../tabs/tab-apis';
import { LOCAL_STORE, MemoryLocalStore } from './local-store';
import { Outbox } from './outbox';
import type { OutboxEntry, OutboxOutcome } from './outbox-entry';

const ME: User = { id: 'user-me', email: 'me@example.com', name: 'Me' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(disk = new MemoryLocalStore()) {
  const user$ = new BehaviorSubject<User | null>(ME);
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: LOCAL_STORE, useValue: disk },
      { provide: AuthService, useValue: { user$, signedOut$: new Subject<void>() } },
      { provide: TAB_LOCKS, useValue: null },
      { provide: TAB_CHANNEL_FACTORY, useValue: () => null },
      { provide: RANDOM_SOURCE, useValue: () => 0.5 },
    ],
  });
  const sut = TestBed.inject(Outbox);
  const accepted: unknown[] = [];
  sut.register('note', { accepted: (_entry, body) => accepted.push(body) });
  return { sut, disk, user$, accepted, backend: TestBed.inject(HttpTestingController) };
}

function post(title: string) {
  return { method: 'POST' as const, url: '/api/tasks', body: { title } };
}

describe('Outbox', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
  });

  it('sends changes one at a time, in the order they were made, each with its own mutation id', async () => {
    const { sut, backend, accepted } = setup();

    sut.enqueue('note', post('first'), {}, { id: 'm-1' }).subscribe();
    sut.enqueue('note', post('second'), {}, { id: 'm-2' }).subscribe();
    expect(sut.size()).toBe(2);
    await settle();

    const first = backend.expectOne('/api/tasks');
    expect([first.request.body, first.request.headers.get('X-Mutation-Id')]).toEqual([{ title: 'first' }, 'm-1']);
    first.flush({ id: 'a' });
    await settle();
    const second = backend.expectOne('/api/tasks');
    expect([second.request.body, second.request.headers.get('X-Mutation-Id')]).toEqual([{ title: 'second' }, 'm-2']);
    second.flush({ id: 'b' });
    await settle();

    expect(accepted).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(sut.size()).toBe(0);
    expect(TestBed.inject(MutationIds).isOwn('m-2')).toBe(true);
  });

  it('keeps a change that got no answer, says it is queued, and retries it with the same id: never a duplicate', async () => {
    const { sut, backend, disk } = setup();
    const outcomes: OutboxOutcome[] = [];

    sut.enqueue('note', post('kept'), {}, { id: 'm-1' }).subscribe((outcome) => outcomes.push(outcome));
    await settle();
    backend.expectOne('/api/tasks').error(new ProgressEvent('error'), { status: 0 });
    await settle();

    expect(outcomes).toEqual([{ status: 'queued' }]);
    expect(sut.entries()[0]).toEqual(expect.objectContaining({ id: 'm-1', attempts: 1, problem: expect.stringContaining('Cannot reach') }));
    expect(await disk.entries('outbox:user-me:')).toHaveLength(1);

    sut.drain();
    await settle();
    const retry = backend.expectOne('/api/tasks');
    expect(retry.request.headers.get('X-Mutation-Id')).toBe('m-1');
    retry.flush({ id: 'a' });
    await settle();
    expect(sut.size()).toBe(0);
    expect(await disk.entries('outbox:')).toEqual([]);
  });

  it('holds the changes behind one that cannot be sent: order is never broken', async () => {
    const { sut, backend } = setup();

    sut.enqueue('note', post('first'), {}).subscribe();
    sut.enqueue('note', post('second'), {}).subscribe();
    await settle();
    backend.expectOne('/api/tasks').flush('down', { status: 503, statusText: 'Service Unavailable' });
    await settle();

    backend.expectNone('/api/tasks');
    expect(sut.entries().map((entry) => (entry.request.body as { title: string }).title)).toEqual(['first', 'second']);
  });

  it('drops a change the server refuses for good (a 4xx), tells the person, and sends the next', async () => {
    const { sut, backend } = setup();
    let refusal: unknown;

    sut.enqueue('note', post('x'.repeat(300)), {}).subscribe({ error: (error: unknown) => (refusal = error) });
    sut.enqueue('note', post('fine'), {}).subscribe();
    await settle();
    backend
      .expectOne('/api/tasks')
      .flush(
        { statusCode: 400, error: 'Bad Request', message: ['title must be shorter than or equal to 200 characters'] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();

    expect(refusal).toBeDefined();
    expect(sut.problems().map((problem) => problem.message)).toEqual(['The title can be at most 200 characters.']);
    backend.expectOne('/api/tasks').flush({ id: 'b' });
    await settle();
    expect(sut.size()).toBe(0);
  });

  it('survives a reload: a new page finds the queue on the device and sends it in order', async () => {
    const disk = new MemoryLocalStore();
    const first = setup(disk);
    first.sut.enqueue('note', post('made before the reload'), {}, { id: 'm-1' }).subscribe();
    await settle();
    first.backend.expectOne('/api/tasks').error(new ProgressEvent('error'), { status: 0 });
    await settle();
    TestBed.resetTestingModule();

    const { sut, backend } = setup(disk);
    await settle();

    expect(sut.entries().map((entry: OutboxEntry) => entry.id)).toEqual(['m-1']);
    const request = backend.expectOne('/api/tasks');
    expect(request.request.headers.get('X-Mutation-Id')).toBe('m-1');
    request.flush({ id: 'a' });
    await settle();
    expect(TestBed.inject(MutationIds).isOwn('m-1')).toBe(true);
  });

  it('sends nothing while the browser is offline, and says the change is queued', async () => {
    const onLine = jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    const { sut, backend } = setup();
    const outcomes: OutboxOutcome[] = [];

    sut.enqueue('note', post('offline'), {}).subscribe((outcome) => outcomes.push(outcome));
    await settle();

    backend.expectNone('/api/tasks');
    expect(outcomes).toEqual([{ status: 'queued' }]);
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await settle();
    backend.expectOne('/api/tasks').flush({ id: 'a' });
    await settle();
    onLine.mockRestore();
  });

  it('lets a handler rebase a refused change (a 409 merged) or settle it without a word', async () => {
    const { sut, backend } = setup();
    sut.register('edit', {
      refused: (entry, error) =>
        (error as { status: number }).status === 409 ? { ...entry.request, body: { title: 'mine', version: 2 } } : 'resolved',
    });

    sut.enqueue('edit', { method: 'PATCH', url: '/api/tasks/t', body: { title: 'mine', version: 1 } }, {}).subscribe();
    await settle();
    backend.expectOne('/api/tasks/t').flush({}, { status: 409, statusText: 'Conflict' });
    await settle();
    const rebased = backend.expectOne('/api/tasks/t');
    expect(rebased.request.body).toEqual({ title: 'mine', version: 2 });
    rebased.flush({}, { status: 404, statusText: 'Not Found' });
    await settle();

    expect(sut.size()).toBe(0);
    expect(sut.problems()).toEqual([]);
  });
});
