/** The trash: DELETE moves a task there, GET /api/trash lists what the caller may restore, restore brings it back, purge ends it. */
import type { TaskDto, TrashPage } from '@taskpulse/contract';
import { eventually } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import { isoInstant } from './helpers/answers';

let server: RunningServer;
let sut: Api;
let owner: TestUser;
let friend: TestUser;
let admin: TestUser;
let member: TestUser;
let teamId: string;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  [owner, friend, admin, member] = await Promise.all(['Owner', 'Friend', 'Admin', 'Member'].map((name) => sut.register({ name })));
  teamId = (await sut.createTeam(admin, 'Trash crew')).id;
  await sut.addMember(admin, teamId, owner);
  await sut.addMember(admin, teamId, member);
});
afterAll(() => server?.dispose());

const remove = (user: TestUser, task: TaskDto) => sut.request('DELETE', `/api/tasks/${task.id}`, { token: user.token });
const restore = (user: TestUser, id: string, headers: Record<string, string> = {}) =>
  sut.request<TaskDto>('POST', `/api/tasks/${id}/restore`, { token: user.token, headers });
const trashOf = async (user: TestUser, query = '') => {
  const answer = await sut.request<TrashPage>('GET', `/api/trash${query}`, { token: user.token });
  expect(answer).toHaveStatus(200);
  return answer.body;
};

describe('DELETE /api/tasks/:id moves the task to the trash', () => {
  it('hides it from every read (task, list, search, shares, dashboard) of everyone', async () => {
    const task = await sut.createTask(owner, aTask({ title: 'Glacier memo', teamId }));
    await sut.share(owner, task.id, friend, 'edit');
    const before = (await sut.request('GET', '/api/dashboard/stats', { token: owner.token })).body;

    expect(await remove(owner, task)).toHaveStatus(204);

    for (const user of [owner, friend, admin, member]) {
      expect(await sut.request('GET', `/api/tasks/${task.id}`, { token: user.token })).toHaveStatus(404);
      expect((await sut.allTasks(user)).items.map((t) => t.id)).not.toContain(task.id);
      expect((await sut.request('GET', '/api/tasks?q=glacier', { token: user.token })).body.items).toEqual([]);
    }
    expect(await sut.request('GET', `/api/tasks/${task.id}/shares`, { token: owner.token })).toHaveStatus(404);
    expect(await sut.request('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { title: 'x' } })).toHaveStatus(404);
    expect(await remove(owner, task)).toHaveStatus(404);
    const after = (await sut.request('GET', '/api/dashboard/stats', { token: owner.token })).body;
    expect(after.total).toBe(before.total - 1);
    expect(after.sharedByMe).toBe(before.sharedByMe - 1);
  });
});

describe('GET /api/trash', () => {
  it('lists what the caller may restore (owner, team admin), newest deletion first, with deletedAt and deletedBy', async () => {
    const first = await sut.createTask(owner, aTask({ teamId }));
    const second = await sut.createTask(owner, aTask());
    await sut.share(owner, first.id, friend, 'view');
    await remove(owner, first);
    await remove(owner, second);

    const mine = await trashOf(owner);
    expect(mine.items.slice(0, 2).map((t) => t.id)).toEqual([second.id, first.id]);
    expect(mine.items[0]).toEqual({
      ...second,
      permission: 'owner',
      deletedAt: expect.stringMatching(isoInstant),
      deletedBy: owner.id,
    });
    expect((await trashOf(admin)).items.map((t) => t.id)).toContain(first.id);
    expect((await trashOf(admin)).items.map((t) => t.id)).not.toContain(second.id);
    expect((await trashOf(member)).items.map((t) => t.id)).not.toContain(first.id);
    expect((await trashOf(friend)).items).toEqual([]);
  });

  it('pages with limit and cursor; bad ones are 400 with the field', async () => {
    const user = await sut.register({ name: 'Pager' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const task = await sut.createTask(user, aTask());
      await remove(user, task);
      ids.unshift(task.id);
    }
    const page1 = await trashOf(user, '?limit=2');
    const page2 = await trashOf(user, `?limit=2&cursor=${page1.next_cursor}`);
    expect([...page1.items, ...page2.items].map((t) => t.id)).toEqual(ids);
    expect(page2.next_cursor).toBeNull();
    const badLimit = await sut.request('GET', '/api/trash?limit=0', { token: user.token });
    expect(badLimit).toHaveStatus(400);
    expect(JSON.stringify(badLimit.body.message)).toContain('limit');
    expect(await sut.request('GET', '/api/trash?cursor=nonsense', { token: user.token })).toHaveStatus(400);
    expect(await sut.request('GET', '/api/trash')).toHaveStatus(401);
  });
});

describe('POST /api/tasks/:id/restore', () => {
  it('answers 200 with the task (version + 1), shares and team back, and the task is in every read again', async () => {
    const task = await sut.createTask(owner, aTask({ teamId }));
    await sut.share(owner, task.id, friend, 'view');
    await remove(owner, task);

    const answer = await restore(admin, task.id);

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual({ ...task, permission: 'team', version: task.version + 1, updatedAt: expect.stringMatching(isoInstant) });
    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: friend.token })).body).toMatchObject({ permission: 'view' });
    expect(
      (await sut.request('GET', `/api/tasks/${task.id}/shares`, { token: owner.token })).body.map((s: { userId: string }) => s.userId),
    ).toEqual([friend.id]);
    expect((await sut.allTasks(member)).items.map((t) => t.id)).toContain(task.id);
    expect((await trashOf(owner)).items.map((t) => t.id)).not.toContain(task.id);
  });

  it('is a safe retry: restoring a task that is not in the trash answers it as it is', async () => {
    const task = await sut.createTask(owner, aTask());
    await remove(owner, task);
    const first = await restore(owner, task.id);
    const again = await restore(owner, task.id);
    expect(again).toHaveStatus(200);
    expect(again.body).toEqual(first.body);
  });

  it('is for the owner or a team admin: 403 for others who could see it, 404 for strangers and unknown ids', async () => {
    const task = await sut.createTask(owner, aTask({ teamId }));
    await sut.share(owner, task.id, friend, 'edit');
    await remove(owner, task);
    const stranger = await sut.register({ name: 'Stranger' });
    expect(await restore(friend, task.id)).toHaveStatus(403);
    expect(await restore(member, task.id)).toHaveStatus(403);
    expect(await restore(stranger, task.id)).toHaveStatus(404);
    expect(await restore(owner, '00000000-0000-4000-8000-000000000000')).toHaveStatus(404);
    expect(await restore(owner, 'not-a-uuid')).toHaveStatus(404);
    expect(await sut.request('POST', `/api/tasks/${task.id}/restore`)).toHaveStatus(401);
  });
});

describe('purge after TRASH_RETENTION', () => {
  let short: RunningServer;
  afterAll(() => short?.dispose());

  it('deletes trashed tasks for good once they are older than the retention; live tasks stay', async () => {
    short = await startServer({ env: { TRASH_RETENTION: '1s', TRASH_PRUNE_INTERVAL: '500ms' } });
    const api = new Api(short.url);
    const user = await api.register({ name: 'Shortlived' });
    const kept = await api.createTask(user, aTask());
    const gone = await api.createTask(user, aTask());
    expect(await api.request('DELETE', `/api/tasks/${gone.id}`, { token: user.token })).toHaveStatus(204);
    expect((await api.request<TrashPage>('GET', '/api/trash', { token: user.token })).body.items.map((t) => t.id)).toEqual([gone.id]);

    await eventually(
      async () => (await api.request<TrashPage>('GET', '/api/trash', { token: user.token })).body.items.length === 0,
      'the trashed task to be purged',
      10_000,
      200,
    );
    expect(await api.request('POST', `/api/tasks/${gone.id}/restore`, { token: user.token })).toHaveStatus(404);
    expect((await api.allTasks(user)).items.map((t) => t.id)).toEqual([kept.id]);
  });
});
