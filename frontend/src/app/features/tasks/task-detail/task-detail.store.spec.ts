import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, Subject } from 'rxjs';
import type { AnyServerMessage } from '@taskpulse/contract';
import { aTask, taskEvent } from '../../../../testing/builders';
import type { Team, User } from '../../../core/api/api.types';
import { AuthService } from '../../../core/auth/auth.service';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { TAB_CHANNEL_FACTORY, TAB_LOCKS } from '../../../core/tabs/tab-apis';
import { TeamsStore } from '../../teams';
import { TaskDetailStore } from './task-detail.store';

const ME: User = { id: 'user-me', email: 'me@example.com', name: 'Mia Me' };
const TEAM: Team = {
  id: 'team-1',
  name: 'Design',
  role: 'member',
  members: [
    { userId: ME.id, email: ME.email, name: ME.name, role: 'member', joinedAt: '2026-01-01T00:00:00.000Z' },
    { userId: 'user-ben', email: 'ben@example.com', name: 'Ben Okafor', role: 'admin', joinedAt: '2026-01-01T00:00:00.000Z' },
  ],
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const events = new Subject<AnyServerMessage>();
  const teams = signal([TEAM]);
  TestBed.configureTestingModule({
    providers: [
      TaskDetailStore,
      provideHttpClient(),
      provideHttpClientTesting(),
      {
        provide: AuthService,
        useValue: { user$: new BehaviorSubject(ME), user: () => ME, userId: () => ME.id, signedOut$: new Subject<void>() },
      },
      { provide: RealtimeService, useValue: { events$: events, resync$: new Subject(), on: () => new Subject() } },
      {
        provide: TeamsStore,
        useValue: {
          teams,
          byId: () => new Map(teams().map((t) => [t.id, t])),
          load: () => undefined,
          nameOf: () => 'Design',
          isAdmin: () => false,
        },
      },
      { provide: TAB_LOCKS, useValue: null },
      { provide: TAB_CHANNEL_FACTORY, useValue: () => null },
    ],
  });
  return { sut: TestBed.inject(TaskDetailStore), events, backend: TestBed.inject(HttpTestingController) };
}

describe('TaskDetailStore', () => {
  afterEach(() => TestBed.resetTestingModule());

  const task = aTask({ id: 'task-9', title: 'Launch plan', ownerId: 'user-zoe', teamId: 'team-1', permission: 'team', version: 3 });

  function open(sut: TaskDetailStore, backend: HttpTestingController) {
    sut.open(task.id);
    backend.expectOne(`/api/tasks/${task.id}`).flush(task);
    backend
      .expectOne(`/api/tasks/${task.id}/shares`)
      .flush([{ userId: 'user-sam', email: 's@x', name: 'Sam Share', permission: 'view', sharedAt: '' }]);
    backend
      .expectOne(`/api/tasks/${task.id}/history`)
      .flush([{ seq: 1, at: '2026-01-01T00:00:00.000Z', actor: { id: 'user-zoe', name: 'Zoe Owner' }, type: 'task_created', changes: {} }]);
  }

  it('offers everyone who can see the task to assign and mention: owner, share recipients, team members', () => {
    const { sut, backend } = setup();
    open(sut, backend);

    expect(sut.audience().map((p) => p.name)).toEqual(['Ben Okafor', 'Mia Me (you)', 'Sam Share', 'Zoe Owner']);
    expect(sut.history()?.length).toBe(1);
  });

  it('follows the task live, never back to an older version, and says when it is gone', () => {
    const { sut, events, backend } = setup();
    open(sut, backend);

    events.next(taskEvent('task_updated', 5, { ...task, title: 'Launch plan v2', version: 4 }));
    events.next(taskEvent('task_updated', 6, { ...task, title: 'stale', version: 2 }));
    events.next(taskEvent('task_updated', 7, { ...task, id: 'other', title: 'Other', version: 9 }));
    expect(sut.task()?.title).toBe('Launch plan v2');

    events.next(taskEvent('task_deleted', 8, null, { taskId: task.id }));
    expect(sut.state()).toBe('gone');
  });

  it('shows a change at once and sends it as a PATCH with the version it was made on', async () => {
    const { sut, backend } = setup();
    open(sut, backend);

    sut.update({ labels: ['Urgent'], assigneeIds: ['user-ben'] });
    expect(sut.task()?.labels).toEqual(['Urgent']);
    await settle();

    const patch = backend.expectOne(`/api/tasks/${task.id}`);
    expect(patch.request.body).toEqual({ labels: ['Urgent'], assigneeIds: ['user-ben'], version: 3 });
    patch.flush({ ...task, labels: ['Urgent'], assigneeIds: ['user-ben'], version: 4 });
    await settle();
    expect(sut.task()).toEqual(expect.objectContaining({ labels: ['Urgent'], version: 4 }));
  });

  it('changes nothing on a task shared with me to view only', () => {
    const { sut, backend } = setup();
    sut.open(task.id);
    backend.expectOne(`/api/tasks/${task.id}`).flush({ ...task, permission: 'view' });

    sut.update({ labels: ['x'] });

    expect(sut.task()?.labels).toEqual([]);
    expect(sut.canEdit()).toBe(false);
  });
});
