import { HttpClient } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, filter, of } from 'rxjs';
import type { ActivityPage, AnyServerMessage, LoggedServerMessage, TaskDto } from '@taskpulse/contract';
import { aComment, aTask, message, taskEvent } from '../../../testing/builders';
import type { Team } from '../../core/api/api.types';
import { AuthService } from '../../core/auth/auth.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { type AppliedTaskEvent, type TaskMessage, TaskStore } from '../tasks';
import { TeamsStore } from '../teams';
import { ActivityService } from './activity.service';

const ME = 'user-me';
const TEAM: Team = {
  id: 'team-1',
  name: 'Design',
  role: 'admin',
  members: [
    { userId: ME, email: 'me@example.com', name: 'Me', role: 'admin', joinedAt: '2026-01-01T00:00:00.000Z' },
    { userId: 'user-ben', email: 'ben@example.com', name: 'Ben', role: 'member', joinedAt: '2026-01-01T00:00:00.000Z' },
  ],
};

function setup(recent: AnyServerMessage[] = []) {
  const events = new Subject<AnyServerMessage>();
  const applied = new Subject<AppliedTaskEvent>();
  const teams = signal([TEAM]);
  const known = new Map<string, TaskDto>();
  const page: ActivityPage = { items: recent as LoggedServerMessage[], next_before: null };
  TestBed.configureTestingModule({
    providers: [
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: HttpClient, useValue: { get: () => of(page) } },
      { provide: RealtimeService, useValue: { events$: events, on: (type: string) => events.pipe(filter((m) => m.event_type === type)) } },
      { provide: TaskStore, useValue: { applied$: applied, lastKnown: (id: string) => known.get(id) } },
      { provide: TeamsStore, useValue: { teams, nameOf: (id: string) => (id === TEAM.id ? TEAM.name : null) } },
    ],
  });
  const sut = TestBed.inject(ActivityService);
  let seq = 1;
  const apply = (type: TaskMessage['event_type'], task: TaskDto | null, actor: string, previous?: TaskDto) =>
    applied.next({ message: taskEvent(type, seq++, task, { actor, taskId: previous?.id }) as TaskMessage, previous, own: false });
  return { sut, events, apply, teams, known };
}

describe('ActivityService', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('says who did what to which task, newest first', () => {
    const { sut, apply } = setup();
    const task = aTask({ title: 'Quarterly plan' });

    apply('task_created', task, 'user-ben');
    apply('task_completed', { ...task, status: 'completed' }, 'user-ben');

    expect(sut.entries().map((e) => e.text())).toEqual(["Ben completed 'Quarterly plan'", "Ben created 'Quarterly plan'"]);
  });

  it('names me "You" and unknown people "Someone"', () => {
    const { sut, apply } = setup();
    const task = aTask({ title: 'Budget' });

    apply('task_updated', task, ME);
    apply('task_reopened', task, 'user-stranger');

    expect(sut.entries().map((e) => e.text())).toEqual(["Someone reopened 'Budget'", "You updated 'Budget'"]);
  });

  it('uses the title known before a deletion, since the event no longer carries the task', () => {
    const { sut, apply } = setup();
    const task = aTask({ title: 'Old idea' });

    apply('task_deleted', null, 'user-ben', task);

    expect(sut.entries()[0]?.text()).toBe("Ben deleted 'Old idea'");
  });

  it('fills in names that become known later, e.g. when the team list arrives', () => {
    const { sut, apply, teams } = setup();
    teams.set([]);

    apply('task_updated', aTask({ title: 'Budget' }), 'user-ben');
    expect(sut.entries()[0]?.text()).toBe("Someone updated 'Budget'");
    teams.set([TEAM]);

    expect(sut.entries()[0]?.text()).toBe("Ben updated 'Budget'");
  });

  it('describes membership changes with team and member names', () => {
    const { sut, events } = setup();

    events.next(message('team_member_added', { team_id: 'team-1', user_id: 'user-ben', actor_id: ME, role: 'admin', actor: null }, 2));
    events.next(message('team_member_removed', { team_id: 'team-1', user_id: 'user-ben', actor_id: 'user-ben', actor: null }, 3));

    expect(sut.entries().map((e) => e.text())).toEqual(['Ben left Design', 'You added Ben to Design as admin']);
  });

  it('starts with the recent activity the server kept, naming people from the events themselves', () => {
    const plan = aTask({ id: 'task-plan', title: 'Launch plan' });
    const recent = [
      taskEvent('task_completed', 12, { ...plan, status: 'completed' }, { actor: 'user-zoe', actorName: 'Zoe Quinn' }),
      taskEvent('task_created', 11, plan, { actor: 'user-zoe', actorName: 'Zoe Quinn' }),
    ];
    const { sut } = setup(recent);

    sut.load();

    expect(sut.entries().map((e) => e.text())).toEqual(["Zoe Quinn completed 'Launch plan'", "Zoe Quinn created 'Launch plan'"]);
  });

  it('shows each event once when it arrives live and in the recent activity too', () => {
    const plan = aTask({ title: 'Launch plan' });
    const { sut, apply } = setup([taskEvent('task_created', 1, plan, { actor: 'user-ben', actorName: 'Ben' })]);

    apply('task_created', plan, 'user-ben');
    sut.load();

    expect(sut.entries().map((e) => e.text())).toEqual(["Ben created 'Launch plan'"]);
  });

  it('says who commented on which task, with the title this client knows', () => {
    const { sut, events, known } = setup();
    known.set('task-x', aTask({ id: 'task-x', title: 'Budget' }));
    const data = { task_id: 'task-x', user_id: 'user-zoe', team_id: null, comment_id: 'c1', comment: aComment(), comment_count: 1 };

    events.next(message('comment_added', { ...data, actor: { id: 'user-zoe', name: 'Zoe Quinn' } }, 7));

    expect(sut.entries()[0]?.text()).toBe("Zoe Quinn commented on 'Budget'");
  });

  it('leaves notifications to the bell', () => {
    const { sut, events } = setup();

    events.next(message('notifications_read', { all: true, actor: null }, 8));

    expect(sut.entries()).toEqual([]);
  });
});
