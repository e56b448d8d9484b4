import { aUser, createTestApp, TestApp } from '../../test/test-app';
import { query } from '../platform/database/query';

describe('EventLogService', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  it('hands out gapless seqs under concurrent writers', async () => {
    const user = await aUser(app);
    const start = await app.log.head();
    await Promise.all(Array.from({ length: 40 }, (_, i) => app.tasks.create(user.id, { title: `t${i}` }, null)));
    const rows = await query<{ seq: number | string }>(app.dataSource.manager, 'SELECT seq FROM events WHERE seq > :start ORDER BY seq', {
      start,
    });
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

    const forViewer = await app.log.readForUser(viewer.id, since, 100);
    expect(forViewer.map((e) => [e.type, e.recipients[0].permission, e.task?.title])).toEqual([
      ['task_shared', 'view', 'Replay me'],
      ['task_updated', 'view', 'Replayed'],
      ['task_unshared', null, 'Replayed'],
    ]);
    const forOwner = await app.log.readForUser(owner.id, since, 2);
    expect(forOwner.map((e) => e.type)).toEqual(['task_created', 'task_shared']);
    expect(forOwner[0].mutationId).toBe('mut-a');
  });

  it('reads whole ranges with every recipient, for gap filling', async () => {
    const owner = await aUser(app, 'Ranger');
    const member = await aUser(app, 'Member');
    const team = await app.teams.create(owner.id, 'Rangers', null);
    await app.teams.addMember(owner.id, team.id, { email: member.email, role: 'member' }, null);
    const head = await app.log.head();
    const [entry] = await app.log.readRange(head, head);
    expect(entry).toMatchObject({ seq: head, type: 'team_member_added', teamId: team.id, member: { userId: member.id, role: 'member' } });
    expect(entry.recipients.map((r) => r.userId).sort()).toEqual([owner.id, member.id].sort());
  });

  it('prunes events older than the retention and reports the oldest seq kept', async () => {
    const user = await aUser(app, 'Pruner');
    await app.tasks.create(user.id, { title: 'old' }, null);
    const head = await app.log.head();
    const removed = await app.log.prune(new Date(Date.now() + 1000).toISOString());
    expect(removed).toBe(head);
    expect(await app.log.oldestRetained()).toBe(head + 1);
    expect(await app.log.readForUser(user.id, 0, 10)).toEqual([]);
    await app.tasks.create(user.id, { title: 'new' }, null);
    expect(await app.log.oldestRetained()).toBe(head + 1);
  });
});
