import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { aUser, createTestApp, TestApp, UserBuilder } from '../../test/test-app';
import { AccessRepository } from '../access/access.repository';
import { AccessService } from '../access/access.service';
import { TrashRepository } from './trash.repository';
import { TrashService } from './trash.service';

describe('TrashService', () => {
  let app: TestApp;
  let trash: TrashService;
  let owner: UserBuilder;
  let friend: UserBuilder;
  let admin: UserBuilder;
  let member: UserBuilder;
  let teamId: string;

  beforeAll(async () => {
    app = await createTestApp();
    trash = new TrashService(app.db, new TrashRepository(), new AccessService(app.db, new AccessRepository()), app.log);
    [owner, friend, admin, member] = await Promise.all(['Owner', 'Friend', 'Admin', 'Member'].map((name) => aUser(app, name)));
    teamId = (await app.teams.create(admin.id, 'Crew', null)).id;
    await app.teams.addMember(admin.id, teamId, { email: owner.email, role: 'member' }, null);
    await app.teams.addMember(admin.id, teamId, { email: member.email, role: 'member' }, null);
  });
  afterAll(() => app.close());

  const trashIds = async (user: UserBuilder) => (await trash.list(user.id, {})).items.map((t) => t.id);

  it('hides a deleted task from every read, and lists it in the trash of its owner and its team admins only', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Quarterly zebra report', teamId }, null);
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    const before = await app.dashboard.stats(owner.id);

    await app.tasks.remove(owner.id, task.id, 'm-del');

    for (const user of [owner, friend, admin, member]) {
      await expect(app.tasks.get(user.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
      expect((await app.tasks.list(user.id, {})).items.map((t) => t.id)).not.toContain(task.id);
      expect((await app.tasks.list(user.id, { q: 'zebra' })).items).toEqual([]);
    }
    const after = await app.dashboard.stats(owner.id);
    expect(after.total).toBe(before.total - 1);
    expect(after.sharedByMe).toBe(before.sharedByMe - 1);
    expect(after.teams.find((t) => t.teamId === teamId)!.total).toBe(before.teams.find((t) => t.teamId === teamId)!.total - 1);
    expect((await app.dashboard.stats(friend.id)).sharedWithMe).toBe(0);
    await expect(app.shares.list(friend.id, task.id)).rejects.toBeInstanceOf(NotFoundException);

    expect(await trashIds(owner)).toContain(task.id);
    expect(await trashIds(admin)).toContain(task.id);
    expect(await trashIds(friend)).not.toContain(task.id);
    expect(await trashIds(member)).not.toContain(task.id);
    const [item] = (await trash.list(owner.id, {})).items.filter((t) => t.id === task.id);
    expect(item).toMatchObject({ title: 'Quarterly zebra report', permission: 'owner', deletedBy: owner.id });
    expect(Date.parse(item.deletedAt)).not.toBeNaN();
  });

  it('lists newest deletion first, page by page', async () => {
    const user = await aUser(app, 'Pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { task } = await app.tasks.create(user.id, { title: `Page ${i}` }, null);
      await app.tasks.remove(user.id, task.id, null);
      ids.push(task.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await trash.list(user.id, { limit: 2 });
    const second = await trash.list(user.id, { limit: 2, cursor: first.next_cursor! });
    const third = await trash.list(user.id, { limit: 2, cursor: second.next_cursor! });
    expect([...first.items, ...second.items, ...third.items].map((t) => t.id)).toEqual([...ids].reverse());
    expect(third.next_cursor).toBeNull();
  });

  it('restores a task with its shares and team, to everyone who sees it then, as task_restored', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Bring me back', teamId }, null);
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'view' }, null);
    await app.tasks.remove(owner.id, task.id, null);
    const head = await app.log.head();

    const restored = await trash.restore(admin.id, task.id, 'm-restore');

    expect(restored).toMatchObject({ id: task.id, title: 'Bring me back', teamId, version: task.version + 1, permission: 'team' });
    const entry = app.emitted.at(-1)!;
    expect(entry).toMatchObject({ seq: head + 1, type: 'task_restored', actorId: admin.id, taskId: task.id, mutationId: 'm-restore' });
    expect(entry.task).toMatchObject({ id: task.id, version: task.version + 1 });
    expect(entry.recipients).toEqual(
      expect.arrayContaining([
        { kind: 'user', id: owner.id, permission: 'owner' },
        { kind: 'user', id: friend.id, permission: 'view' },
        { kind: 'team', id: teamId, permission: 'team' },
      ]),
    );
    expect(entry.recipients).toHaveLength(3);
    await expect(app.tasks.get(friend.id, task.id)).resolves.toMatchObject({ permission: 'view' });
    expect((await app.shares.list(owner.id, task.id)).map((s) => s.userId)).toEqual([friend.id]);
    expect(await trashIds(owner)).not.toContain(task.id);

    const events = app.emitted.length;
    await expect(trash.restore(owner.id, task.id, null)).resolves.toMatchObject({ version: task.version + 1 });
    expect(app.emitted.length).toBe(events);
  });

  it('lets only the owner or a team admin restore: 403 for those who saw it, 404 for anyone else', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Guarded', teamId }, null);
    await app.shares.share(owner.id, task.id, { email: friend.email, permission: 'edit' }, null);
    await app.tasks.remove(owner.id, task.id, null);
    const stranger = await aUser(app, 'Stranger');
    await expect(trash.restore(friend.id, task.id, null)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(trash.restore(member.id, task.id, null)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(trash.restore(stranger.id, task.id, null)).rejects.toBeInstanceOf(NotFoundException);
    await expect(trash.restore(owner.id, task.id, null)).resolves.toMatchObject({ permission: 'owner' });
  });

  it('purges what was trashed before the cutoff, with its shares, and nothing newer', async () => {
    const { task: old } = await app.tasks.create(owner.id, { title: 'Old' }, null);
    await app.shares.share(owner.id, old.id, { email: friend.email, permission: 'view' }, null);
    await app.tasks.remove(owner.id, old.id, null);
    const cutoff = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { task: fresh } = await app.tasks.create(owner.id, { title: 'Fresh' }, null);
    await app.tasks.remove(owner.id, fresh.id, null);

    expect(await trash.purge(cutoff, 2)).toBeGreaterThanOrEqual(1);

    expect(await trashIds(owner)).not.toContain(old.id);
    expect(await trashIds(owner)).toContain(fresh.id);
    await expect(trash.restore(owner.id, old.id, null)).rejects.toBeInstanceOf(NotFoundException);
    expect(await app.db.query('SELECT 1 FROM task_shares WHERE task_id = :id', { id: old.id })).toEqual([]);
  });
});
