import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';
import { aTask } from '../../../../testing/builders';
import type { User } from '../../../core/api/api.types';
import { AuthService } from '../../../core/auth/auth.service';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS } from '../../../core/tabs/tab-apis';
import { UndoService } from '../../../core/ui/undo/undo.service';
import { KnownTasks } from './known-tasks';
import { TaskSync } from './task-sync';

const ME: User = { id: 'user-me', email: 'me@example.com', name: 'Me' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: AuthService,
        useValue: { user$: new BehaviorSubject(ME), userId: () => ME.id, signedOut$: new Subject<void>() },
      },
      { provide: TAB_LOCKS, useValue: null },
      { provide: TAB_CHANNEL_FACTORY, useValue: () => null },
    ],
  });
  return {
    sut: TestBed.inject(TaskSync),
    known: TestBed.inject(KnownTasks),
    undo: TestBed.inject(UndoService),
    backend: TestBed.inject(HttpTestingController),
  };
}

describe('TaskSync', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
  });

  it('merges a queued edit with what changed meanwhile: only my field is sent, on the current version', async () => {
    const { sut, known, backend } = setup();
    const task = aTask({ title: 'Plan', description: 'notes', version: 1 });
    known.upsert(task);
    jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValueOnce(false);

    sut.update(task, { title: 'My plan' }).subscribe();
    // While it waited, someone else changed the description (their event arrives first).
    known.upsert({ ...task, description: 'their notes', version: 2 });
    expect(sut.current(task.id)).toEqual(expect.objectContaining({ title: 'My plan', description: 'their notes' }));
    sut.flush();
    await settle();

    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    expect(patch.request.body).toEqual({ title: 'My plan', version: 2 });
    patch.flush({ ...task, title: 'My plan', description: 'their notes', version: 3 });
    await settle();
    expect(known.get(task.id)?.version).toBe(3);
    expect(sut.pending().size).toBe(0);
  });

  it('when both changed the same field, sends nothing for it and offers mine and theirs', async () => {
    const { sut, known, backend } = setup();
    const task = aTask({ title: 'Plan', version: 1 });
    known.upsert(task);
    jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValueOnce(false);
    sut.update(task, { title: 'My plan' }).subscribe();
    known.upsert({ ...task, title: 'Their plan', version: 2 });

    sut.flush();
    await settle();

    backend.expectNone(`/api/tasks/${task.id}`);
    const [conflict] = sut.conflicts.all();
    expect(conflict).toEqual({ taskId: task.id, field: 'title', base: 'Plan', mine: 'My plan', theirs: 'Their plan' });

    sut.choose(conflict, 'mine');
    await settle();
    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    expect(patch.request.body).toEqual({ title: 'My plan', version: 2 });
    patch.flush({ ...task, title: 'My plan', version: 3 });
    await settle();
    expect(sut.conflicts.all()).toEqual([]);
  });

  it('undoes an edit by sending the old fields back with the version, through the normal API', async () => {
    const { sut, known, undo, backend } = setup();
    const task = aTask({ title: 'Plan', priority: 'low', version: 4 });
    known.upsert(task);

    sut.update(task, { title: 'Plan v2', priority: 'high' }).subscribe();
    await settle();
    backend.expectOne(`/api/tasks/${task.id}`).flush({ ...task, title: 'Plan v2', priority: 'high', version: 5 });
    await settle();
    expect(undo.latest()?.label).toBe('Edited “Plan”');

    expect(undo.undo()).toBe(true);
    expect(sut.current(task.id)).toEqual(expect.objectContaining({ title: 'Plan', priority: 'low' }));
    await settle();
    expect(backend.expectOne(`/api/tasks/${task.id}`).request.body).toEqual({ title: 'Plan', priority: 'low', version: 5 });
  });

  it('undoes a status change by setting the status back', async () => {
    const { sut, known, undo, backend } = setup();
    const task = aTask({ title: 'Call', version: 1 });
    known.upsert(task);

    sut.update(task, { status: 'completed' }).subscribe();
    await settle();
    backend.expectOne(`/api/tasks/${task.id}`).flush({ ...task, status: 'completed', version: 2 });
    await settle();
    expect(undo.latest()?.label).toBe('Completed “Call”');
    undo.undo();
    await settle();

    expect(backend.expectOne(`/api/tasks/${task.id}`).request.body).toEqual({ status: 'pending', version: 2 });
  });

  it('undoes a create with a DELETE of the same id', async () => {
    const { sut, undo, backend } = setup();

    sut.create('task-new', { title: 'New', description: '', priority: 'medium', dueDate: null, teamId: null }).subscribe();
    await settle();
    const created = backend.expectOne('/api/tasks');
    expect(created.request.body).toEqual({ id: 'task-new', title: 'New', priority: 'medium' });
    created.flush(aTask({ id: 'task-new', title: 'New' }));
    await settle();
    undo.undo();
    await settle();

    expect(backend.expectOne('/api/tasks/task-new').request.method).toBe('DELETE');
  });

  it('undoes a delete with POST /api/tasks/:id/restore, showing the task again at once', async () => {
    const { sut, known, undo, backend } = setup();
    const task = aTask({ title: 'Gone by mistake', version: 2 });
    known.upsert(task);

    sut.remove(task).subscribe();
    expect(sut.current(task.id)).toBeNull();
    await settle();
    backend.expectOne(`/api/tasks/${task.id}`).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(undo.latest()?.label).toBe('Deleted “Gone by mistake”');

    undo.undo();
    expect(sut.current(task.id)).toEqual(task);
    await settle();
    const restore = backend.expectOne(`/api/tasks/${task.id}/restore`);
    expect(restore.request.method).toBe('POST');
    restore.flush({ ...task, version: 3 });
    await settle();
    expect(known.get(task.id)?.version).toBe(3);
  });

  it('settles a retried change whose first attempt had landed: a 409 with my values sends nothing more', async () => {
    const { sut, known, backend } = setup();
    const task = aTask({ title: 'Plan', version: 1 });
    known.upsert(task);

    sut.update(task, { title: 'Plan v2' }).subscribe();
    await settle();
    backend.expectOne(`/api/tasks/${task.id}`).error(new ProgressEvent('error'), { status: 0 });
    await settle();
    sut.flush();
    await settle();
    backend
      .expectOne(`/api/tasks/${task.id}`)
      .flush(
        { statusCode: 409, message: 'Task was changed by someone else', task: { ...task, title: 'Plan v2', version: 2 } },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();

    backend.expectNone(`/api/tasks/${task.id}`);
    expect(sut.pending().size).toBe(0);
    expect(sut.conflicts.all()).toEqual([]);
  });
});
