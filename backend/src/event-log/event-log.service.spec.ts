import { aUser, createTestApp, type TestApp } from '../../test/test-app';

describe('EventLogService', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  it('hands out gapless seqs under concurrent writers', async () => {
    const user = await aUser(app);
    const start = await app.log.head();
    await Promise.all(Array.from({ length: 40 }, (_, i) => app.tasks.create(user.id, { title: `t${i}` }, null)));
    const rows = await app.db.query<{ seq: number | string }>('SELECT seq FROM events WHERE seq > :start ORDER BY seq', { start });
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => start + i + 1));
    expect(await app.log.head()).toBe(start + 40);
  });

  it('replays one user’s events with that user’s permission, oldest first', async () => {
    const owner = await aUser(app, 'Owner');
    const viewer = await aUser(app, 'Viewer');
    const since = await app.log.head();
    const { task } = await app.tasks.create(owner.id, { title: 'Replay me' }, 'mut-a');
    await app.shares.share(owner.id, task.id, { email: viewer.email, permission: 'view' }, null);
    await app.tasks.update(owner.id, task.id, { title: 'Replayed' }, null);
    await app.shares.unshare(owner.id, task.id, viewer.id, null);
    const head = await app.log.head();

    const forViewer = (await app.log.readForUser(viewer.id, since, head, 100)).filter((e) => e.type !== 'notification_created');
    expect(forViewer.map((e) => [e.type, e.recipients[0].permission, e.task?.title])).toEqual([
      ['task_shared', 'view', 'Replay me'],
      ['task_updated', 'view', 'Replayed'],
      ['task_unshared', null, 'Replayed'],
    ]);
    const forOwner = await app.log.readForUser(owner.id, since, head, 2);
    expect(forOwner.map((e) => e.type)).toEqual(['task_created', 'task_shared']);
    expect(forOwner[0].mutationId).toBe('mut-a');
  });

  it('stores a team’s event once, and replays it to exactly the members of that moment', async () => {
    const admin = await aUser(app, 'Admin');
    const early = await aUser(app, 'Early');
    const late = await aUser(app, 'Late');
    const team = await app.teams.create(admin.id, 'Spans', null);
    await app.teams.addMember(admin.id, team.id, { email: early.email, role: 'member' }, null);
    const since = await app.log.head();
    const { task } = await app.tasks.create(admin.id, { title: 'Before the late one', teamId: team.id }, null);
    const created = app.emitted.at(-1)!;
    expect(created.recipients).toEqual([
      { kind: 'user', id: admin.id, permission: 'owner' },
      { kind: 'team', id: team.id, permission: 'team' },
    ]);
    await app.teams.addMember(admin.id, team.id, { email: late.email, role: 'member' }, null);
    const joined = app.emitted.filter((e) => e.type === 'team_member_added').at(-1)!;
    await app.tasks.update(admin.id, task.id, { title: 'With the late one' }, null);
    const updated = app.emitted.at(-1)!;
    await app.teams.removeMember(admin.id, team.id, early.id, null);
    const left = app.emitted.at(-1)!;
    await app.tasks.update(admin.id, task.id, { title: 'Without the early one' }, null);
    const head = await app.log.head();

    const seen = async (userId: string) =>
      (await app.log.readForUser(userId, since, head, 100))
        .filter((e) => e.type !== 'notification_created')
        .map((e) => [e.seq, e.recipients[0].permission]);
    expect(await seen(early.id)).toEqual([
      [created.seq, 'team'],
      [joined.seq, null],
      [updated.seq, 'team'],
      [left.seq, null],
    ]);
    expect(await seen(late.id)).toEqual([
      [joined.seq, null],
      [updated.seq, 'team'],
      [left.seq, null],
      [head, 'team'],
    ]);
    // Four events, and the late one's added_to_team notification.
    expect(await app.log.countReceived(late.id, since, head, 3)).toBe(4);
    expect(await app.log.countReceived(late.id, since, head, 10)).toBe(5);
  });

  it('reads whole ranges with every recipient, and never past the head', async () => {
    const owner = await aUser(app, 'Ranger');
    const member = await aUser(app, 'Member');
    const team = await app.teams.create(owner.id, 'Rangers', null);
    await app.teams.addMember(owner.id, team.id, { email: member.email, role: 'member' }, null);
    const head = await app.log.head();
    const { entries, head: readAt } = await app.log.readRangeUpToHead(head - 1, head + 1000);
    expect(readAt).toBe(head);
    expect(entries.map((e) => e.type)).toEqual(['team_member_added', 'notification_created']);
    expect(entries[1].recipients).toEqual([{ kind: 'user', id: member.id, permission: null }]);
    expect(entries[0]).toMatchObject({
      seq: head - 1,
      type: 'team_member_added',
      teamId: team.id,
      member: { userId: member.id, role: 'member' },
    });
    expect(entries[0].recipients).toEqual([{ kind: 'team', id: team.id, permission: null }]);
  });

  it('prunes events older than the retention and reports the oldest seq kept', async () => {
    const user = await aUser(app, 'Pruner');
    await app.tasks.create(user.id, { title: 'old' }, null);
    const head = await app.log.head();
    const removed = await app.log.prune(new Date(Date.now() + 1000).toISOString());
    expect(removed).toBe(head);
    expect(await app.log.oldestRetained()).toBe(head + 1);
    expect(await app.log.readForUser(user.id, 0, head, 10)).toEqual([]);
    await app.tasks.create(user.id, { title: 'new' }, null);
    expect(await app.log.oldestRetained()).toBe(head + 1);
  });
});
