import { aUser, createTestApp, TestApp } from '../../test/test-app';
import { dayBounds } from './dashboard.service';

describe('DashboardService', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  it('computes week and day bounds in UTC, weeks starting on Monday', () => {
    expect(dayBounds(new Date('2026-11-26T20:00:00Z'))).toEqual({
      todayStart: '2026-11-26T00:00:00.000Z',
      tomorrowStart: '2026-11-27T00:00:00.000Z',
      weekStart: '2026-11-23T00:00:00.000Z',
    });
    expect(dayBounds(new Date('2026-11-29T23:59:59Z')).weekStart).toBe('2026-11-23T00:00:00.000Z');
  });

  it('counts every figure over the tasks the caller can see', async () => {
    const me = await aUser(app, 'Me');
    const friend = await aUser(app, 'Friend');
    const now = new Date();
    const hour = 3_600_000;
    const iso = (offset: number) => new Date(now.getTime() + offset).toISOString();
    const todayEnd = Date.parse(dayBounds(now).tomorrowStart) - now.getTime();
    await app.tasks.create(me.id, { title: 'overdue', dueDate: iso(-48 * hour) }, null);
    await app.tasks.create(me.id, { title: 'due today', dueDate: iso(Math.max(1000, todayEnd - 1000)) }, null);
    const done = await app.tasks.create(me.id, { title: 'done' }, null);
    await app.tasks.update(me.id, done.task.id, { status: 'completed' }, null);
    const mineShared = await app.tasks.create(me.id, { title: 'shared by me' }, null);
    await app.shares.share(me.id, mineShared.task.id, { email: friend.email, permission: 'view' }, null);
    const theirs = await app.tasks.create(friend.id, { title: 'shared with me' }, null);
    await app.shares.share(friend.id, theirs.task.id, { email: me.email, permission: 'edit' }, null);
    await app.tasks.create(friend.id, { title: 'invisible' }, null);
    const team = await app.teams.create(friend.id, 'Crew', null);
    await app.teams.addMember(friend.id, team.id, { email: me.email, role: 'member' }, null);
    const teamTask = await app.tasks.create(friend.id, { title: 'team', teamId: team.id }, null);
    await app.tasks.update(friend.id, teamTask.task.id, { status: 'completed' }, null);

    const started = await app.tasks.create(friend.id, { title: 'started, mine to do', teamId: team.id, assigneeIds: [me.id] }, null);
    await app.tasks.update(friend.id, started.task.id, { status: 'in_progress' }, null);

    const stats = await app.dashboard.stats(me.id, now);
    expect(stats).toEqual({
      total: 7,
      pending: 4,
      inProgress: 1,
      completed: 2,
      assignedToMe: 1,
      overdue: 1,
      dueToday: todayEnd > 2000 ? 1 : 0,
      completedThisWeek: 2,
      sharedWithMe: 1,
      sharedByMe: 1,
      completionRate: 0.2857,
      teams: [{ teamId: team.id, name: 'Crew', total: 2, completed: 1 }],
      seq: await app.log.head(),
    });
  });

  it('answers zeros, not NaN, for someone with nothing', async () => {
    const empty = await aUser(app, 'Empty');
    expect(await app.dashboard.stats(empty.id)).toMatchObject({ total: 0, pending: 0, completionRate: 0, teams: [] });
  });
});
