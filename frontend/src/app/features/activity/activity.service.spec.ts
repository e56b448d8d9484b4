import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, filter } from 'rxjs';
import type { AnyServerMessage, TaskDto } from '@taskpulse/contract';
import { aTask, message, taskEvent } from '../../../testing/builders';
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

function setup() {
  const events = new Subject<AnyServerMessage>();
  const applied = new Subject<AppliedTaskEvent>();
  const teams = signal([TEAM]);
  TestBed.configureTestingModule({
    providers: [
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: RealtimeService, useValue: { on: (type: string) => events.pipe(filter((m) => m.event_type === type)) } },
      { provide: TaskStore, useValue: { applied$: applied } },
      { provide: TeamsStore, useValue: { teams, nameOf: (id: string) => (id === TEAM.id ? TEAM.name : null) } },
    ],
  });
  const sut = TestBed.inject(ActivityService);
  const apply = (type: TaskMessage['event_type'], task: TaskDto | null, actor: string, previous?: TaskDto) =>
    applied.next({ message: taskEvent(type, 1, task, { actor, taskId: previous?.id }) as TaskMessage, previous, own: false });
  return { sut, events, apply, teams };
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
});
