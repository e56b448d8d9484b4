import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { aUser, createTestApp, TestApp, UserBuilder } from '../../test/test-app';
import { StaleVersionException } from './tasks.service';

describe('TasksService', () => {
  let app: TestApp;
  let owner: UserBuilder;
  let other: UserBuilder;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await aUser(app, 'Owner');
    other = await aUser(app, 'Other');
  });
  afterAll(() => app.close());

  it('creates a task with defaults and logs task_created to the owner only', async () => {
    const before = await app.log.head();
    const { task, created } = await app.tasks.create(owner.id, { title: 'Plan', dueDate: '2026-12-01' }, 'm-1');
    expect(created).toBe(true);
    expect(task).toMatchObject({
      title: 'Plan',
      description: '',
      status: 'pending',
      priority: 'medium',
      dueDate: '2026-12-01T00:00:00.000Z',
      ownerId: owner.id,
      teamId: null,
      version: 1,
      permission: 'owner',
      completedAt: null,
    });
    const entry = app.emitted.at(-1)!;
    expect(entry).toMatchObject({ seq: before + 1, type: 'task_created', actorId: owner.id, taskId: task.id, mutationId: 'm-1' });
    expect(entry.recipients).toEqual([{ kind: 'user', id: owner.id, permission: 'owner' }]);
  });

  it('treats a repeated client id as a safe retry, and another user reusing it as a conflict', async () => {
    const id = randomUUID();
    const first = await app.tasks.create(owner.id, { id, title: 'Once' }, null);
    const emitted = app.emitted.length;
    const again = await app.tasks.create(owner.id, { id, title: 'Once' }, null);
    expect(again).toEqual({ task: first.task, created: false });
    expect(app.emitted.length).toBe(emitted);
    await expect(app.tasks.create(other.id, { id, title: 'Mine?' }, null)).rejects.toBeInstanceOf(ConflictException);
  });

  it('bumps the version on change, answers a stale version with 409 and the current task, and ignores no-ops', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Draft' }, null);
    const updated = await app.tasks.update(owner.id, task.id, { title: 'Final', version: 1 }, null);
    expect(updated).toMatchObject({ title: 'Final', version: 2 });
    const stale = await app.tasks.update(owner.id, task.id, { title: 'Late', version: 1 }, null).catch((e) => e);
    expect(stale).toBeInstanceOf(StaleVersionException);
    expect(stale.getResponse()).toMatchObject({ statusCode: 409, task: { title: 'Final', version: 2 } });
    const events = app.emitted.length;
    await expect(app.tasks.update(owner.id, task.id, { title: 'Final' }, null)).resolves.toMatchObject({ version: 2 });
    expect(app.emitted.length).toBe(events);
  });

  it('completes and reopens with the matching event types and completedAt', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Ship' }, null);
    const done = await app.tasks.update(owner.id, task.id, { status: 'completed' }, null);
    expect(done.completedAt).not.toBeNull();
    expect(app.emitted.at(-1)!.type).toBe('task_completed');
    const reopened = await app.tasks.update(owner.id, task.id, { status: 'pending' }, null);
    expect(reopened.completedAt).toBeNull();
    expect(app.emitted.at(-1)!.type).toBe('task_reopened');
  });

  it('hides other users’ tasks behind 404 and keeps view shares read-only', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Private' }, null);
    await expect(app.tasks.get(other.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
    await expect(app.tasks.update(other.id, task.id, { title: 'x' }, null)).rejects.toBeInstanceOf(NotFoundException);
    await app.shares.share(owner.id, task.id, { email: other.email, permission: 'view' }, null);
    await expect(app.tasks.get(other.id, task.id)).resolves.toMatchObject({ permission: 'view' });
    await expect(app.tasks.update(other.id, task.id, { title: 'x' }, null)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(app.tasks.remove(other.id, task.id, null)).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('moves a task between teams and tells the old team it lost the task', async () => {
    const team = await app.teams.create(owner.id, 'Alpha', null);
    await app.teams.addMember(owner.id, team.id, { email: other.email, role: 'member' }, null);
    const { task } = await app.tasks.create(owner.id, { title: 'Team task', teamId: team.id }, null);
    await expect(app.tasks.get(other.id, task.id)).resolves.toMatchObject({ permission: 'team' });
    await expect(app.tasks.update(other.id, task.id, { teamId: null }, null)).rejects.toBeInstanceOf(ForbiddenException);
    const since = await app.log.head();
    await app.tasks.update(owner.id, task.id, { teamId: null }, null);
    const entry = app.emitted.at(-1)!;
    expect(entry.recipients).toEqual(
      expect.arrayContaining([
        { kind: 'team', id: team.id, permission: null },
        { kind: 'user', id: owner.id, permission: 'owner' },
      ]),
    );
    const [forOther] = await app.log.readForUser(other.id, since, entry.seq, 10);
    expect(forOther).toMatchObject({ seq: entry.seq, recipients: [{ kind: 'user', id: other.id, permission: null }] });
    await expect(app.tasks.get(other.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('deletes for the owner with an event that carries no task', async () => {
    const { task } = await app.tasks.create(owner.id, { title: 'Gone' }, null);
    await app.tasks.remove(owner.id, task.id, 'del-1');
    expect(app.emitted.at(-1)).toMatchObject({
      type: 'task_deleted',
      task: null,
      mutationId: 'del-1',
      recipients: [{ kind: 'user', id: owner.id, permission: null }],
    });
    await expect(app.tasks.get(owner.id, task.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  describe('list', () => {
    let lister: UserBuilder;
    beforeAll(async () => {
      lister = await aUser(app, 'Lister');
      for (let i = 0; i < 7; i++)
        await app.tasks.create(lister.id, { title: `Item ${i}`, description: i === 3 ? 'has 100%_done' : '' }, null);
      const shared = await app.tasks.create(owner.id, { title: 'Shared in' }, null);
      await app.shares.share(owner.id, shared.task.id, { email: lister.email, permission: 'edit' }, null);
    });

    it('pages with a cursor without gaps or duplicates, newest first', async () => {
      const seen: { title: string; key: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await app.tasks.list(lister.id, { limit: 3, cursor });
        seen.push(...page.items.map((t) => ({ title: t.title, key: `${t.createdAt}|${t.id}` })));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(8);
      expect(new Set(seen.map((s) => s.title)).size).toBe(8);
      const keys = seen.map((s) => s.key);
      expect(keys).toEqual([...keys].sort().reverse());
    });

    it('filters by scope, status and text (with % and _ taken literally)', async () => {
      expect((await app.tasks.list(lister.id, { scope: 'mine' })).items).toHaveLength(7);
      expect((await app.tasks.list(lister.id, { scope: 'shared' })).items.map((t) => [t.title, t.permission])).toEqual([
        ['Shared in', 'edit'],
      ]);
      expect((await app.tasks.list(lister.id, { status: ['completed'] })).items).toHaveLength(0);
      expect((await app.tasks.list(lister.id, { q: 'ITEM 1' })).items.map((t) => t.title)).toEqual(['Item 1']);
      expect((await app.tasks.list(lister.id, { q: '100%_' })).items.map((t) => t.title)).toEqual(['Item 3']);
      expect((await app.tasks.list(lister.id, { q: '1_0' })).items).toHaveLength(0);
    });

    it('answers the log head read with the data', async () => {
      const page = await app.tasks.list(lister.id, {});
      expect(page.seq).toBe(await app.log.head());
    });
  });
});
