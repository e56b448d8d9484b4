/** The task lifecycle over HTTP: create (and safe retry), read, update with versions, complete/reopen, delete; seq per mutation. */
import { randomUUID } from 'node:crypto';
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { isoInstant, uuidPattern } from './helpers/answers';
import { logHead } from './helpers/builders';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;
let owner: TestUser;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  owner = await sut.register();
});
afterAll(() => server?.dispose());

const taskKeys = [
  'assigneeIds',
  'checklist',
  'commentCount',
  'completedAt',
  'createdAt',
  'description',
  'dueDate',
  'id',
  'labels',
  'ownerId',
  'permission',
  'position',
  'priority',
  'status',
  'teamId',
  'title',
  'updatedAt',
  'version',
];
const get = (id: string, user = owner) => sut.request<TaskDto>('GET', `/api/tasks/${id}`, { token: user.token });
const patch = (id: string, body: Record<string, unknown>, user = owner) =>
  sut.request('PATCH', `/api/tasks/${id}`, { token: user.token, body });
const create = (body: Record<string, unknown>, user = owner) => sut.request<TaskDto>('POST', '/api/tasks', { token: user.token, body });

describe('POST /api/tasks', () => {
  it('answers 201 with every Task field, defaults filled in', async () => {
    const answer = await create({ title: 'Write the e2e suite' });

    expect(answer).toHaveStatus(201);
    expect(Object.keys(answer.body).sort()).toEqual(taskKeys);
    expect(answer.body).toEqual({
      id: expect.stringMatching(uuidPattern),
      title: 'Write the e2e suite',
      description: '',
      status: 'pending',
      priority: 'medium',
      dueDate: null,
      ownerId: owner.id,
      teamId: null,
      createdAt: expect.stringMatching(isoInstant),
      updatedAt: answer.body.createdAt,
      completedAt: null,
      version: 1,
      permission: 'owner',
      assigneeIds: [],
      labels: [],
      checklist: [],
      position: expect.stringMatching(/^[0-9A-Za-z]+$/),
      commentCount: 0,
    });
    expect(Math.abs(Date.parse(answer.body.createdAt) - Date.now())).toBeLessThan(10_000);
  });

  it('keeps every given field; the title is trimmed and dueDate is normalised to UTC with milliseconds', async () => {
    const answer = await create({ title: '  Ship it  ', description: 'All of it', priority: 'high', dueDate: '2031-05-06T10:00:00+02:00' });

    expect(answer).toHaveStatus(201);
    expect(answer.body).toMatchObject({
      title: 'Ship it',
      description: 'All of it',
      priority: 'high',
      dueDate: '2031-05-06T08:00:00.000Z',
    });
  });

  it('reads a date alone as midnight UTC', async () => {
    const answer = await create(aTask({ dueDate: '2031-05-06' }));

    expect(answer.body.dueDate).toBe('2031-05-06T00:00:00.000Z');
  });

  it('accepts the boundaries: a title of 200 and a description of 10000 characters', async () => {
    const answer = await create({ title: 't'.repeat(200), description: 'd'.repeat(10_000) });

    expect(answer).toHaveStatus(201);
    expect(answer.body.title).toHaveLength(200);
    expect(answer.body.description).toHaveLength(10_000);
  });

  it('treats the same client id from the same user as a safe retry: 201, then 200 with the same task and no new event', async () => {
    const id = randomUUID();
    const first = await create(aTask({ id, title: 'First try' }));
    const head = await logHead(sut, owner);

    const retry = await create(aTask({ id, title: 'Second try' }));

    expect(first).toHaveStatus(201);
    expect(first.body.id).toBe(id);
    expect(retry).toHaveStatus(200);
    expect(retry.body).toEqual(first.body);
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('answers 409 when another user already used that client id, and keeps the task unchanged', async () => {
    const id = randomUUID();
    await create(aTask({ id, title: 'Mine' }));
    const other = await sut.register();

    const answer = await create(aTask({ id, title: 'Theirs' }), other);

    expect(answer).toBeErrorAnswer(409);
    expect((await get(id)).body.title).toBe('Mine');
    expect(await get(id, other)).toBeErrorAnswer(404);
  });
});

describe('GET /api/tasks/:id', () => {
  it('answers 200 with the task as created', async () => {
    const created = await sut.createTask(owner, aTask({ description: 'to read' }));

    const answer = await get(created.id);

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual(created);
  });

  it.each([
    ['an unknown uuid', () => randomUUID()],
    ['a malformed id', () => 'not-a-uuid'],
    ['an id with SQL in it', () => "1' OR '1'='1"],
  ])('answers 404 (not 400) for %s', async (_, id) => {
    expect(await get(encodeURIComponent(id()))).toBeErrorAnswer(404, 'Task not found');
  });

  it("answers 404 for another user's task, the same answer as for a task that does not exist", async () => {
    const stranger = await sut.register();
    const hidden = await sut.createTask(stranger, aTask());

    const invisible = await get(hidden.id);
    const missing = await get(randomUUID());

    expect(invisible).toBeErrorAnswer(404);
    expect(invisible.body).toEqual(missing.body);
  });
});

describe('PATCH /api/tasks/:id', () => {
  it('changes the given fields, bumps version by one and updatedAt, keeps createdAt', async () => {
    const task = await sut.createTask(owner, aTask());

    const answer = await patch(task.id, { title: 'Renamed', description: 'Now with details', priority: 'low', dueDate: '2032-01-02' });

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual({
      ...task,
      title: 'Renamed',
      description: 'Now with details',
      priority: 'low',
      dueDate: '2032-01-02T00:00:00.000Z',
      version: 2,
      updatedAt: expect.stringMatching(isoInstant),
    });
    expect(Date.parse(answer.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    expect((await get(task.id)).body).toEqual(answer.body);
  });

  it('clears dueDate with null', async () => {
    const task = await sut.createTask(owner, aTask({ dueDate: '2032-01-02' }));

    const answer = await patch(task.id, { dueDate: null });

    expect(answer.body).toMatchObject({ dueDate: null, version: 2 });
  });

  it('accepts the current version and answers 409 with the current task for a stale one', async () => {
    const task = await sut.createTask(owner, aTask());
    expect(await patch(task.id, { title: 'v2', version: 1 })).toHaveStatus(200);
    const head = await logHead(sut, owner);

    const stale = await patch(task.id, { title: 'lost update', version: 1 });

    expect(stale).toBeErrorAnswer(409);
    expect(stale.body.task).toEqual((await get(task.id)).body);
    expect(stale.body.task).toMatchObject({ title: 'v2', version: 2, permission: 'owner' });
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('answers 200 without bumping anything, and records no event, when nothing changes', async () => {
    const task = await sut.createTask(owner, aTask({ description: 'same', priority: 'high', dueDate: '2033-03-03' }));
    const head = await logHead(sut, owner);

    const empty = await patch(task.id, {});
    const same = await patch(task.id, {
      title: task.title,
      description: 'same',
      priority: 'high',
      dueDate: '2033-03-03T00:00:00Z',
      status: 'pending',
      teamId: null,
      version: 1,
    });

    expect(empty).toHaveStatus(200);
    expect(same).toHaveStatus(200);
    expect(empty.body).toEqual(task);
    expect(same.body).toEqual(task);
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('sets completedAt when completing and clears it when reopening; each is one version', async () => {
    const task = await sut.createTask(owner, aTask());

    const completed = await patch(task.id, { status: 'completed' });
    const completedAgain = await patch(task.id, { status: 'completed' });
    const reopened = await patch(task.id, { status: 'pending' });

    expect(completed.body).toMatchObject({ status: 'completed', version: 2, completedAt: expect.stringMatching(isoInstant) });
    expect(completed.body.completedAt).toBe(completed.body.updatedAt);
    expect(completedAgain.body).toEqual(completed.body);
    expect(reopened.body).toMatchObject({ status: 'pending', version: 3, completedAt: null });
  });

  it('lets a status change ride along with other fields in one version', async () => {
    const task = await sut.createTask(owner, aTask());

    const answer = await patch(task.id, { status: 'completed', title: 'Done and renamed' });

    expect(answer.body).toMatchObject({ status: 'completed', title: 'Done and renamed', version: 2 });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect(await patch(randomUUID(), { title: 'x' })).toBeErrorAnswer(404);
    expect(await patch('nope', { title: 'x' })).toBeErrorAnswer(404);
  });
});

describe('DELETE /api/tasks/:id', () => {
  it('answers 204 with no body; afterwards the task is 404 for reading, changing and deleting', async () => {
    const task = await sut.createTask(owner, aTask());

    const answer = await sut.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token });

    expect(answer).toHaveStatus(204);
    expect(answer.body).toBeNull();
    expect(await get(task.id)).toBeErrorAnswer(404);
    expect(await patch(task.id, { title: 'zombie' })).toBeErrorAnswer(404);
    expect(await sut.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token })).toBeErrorAnswer(404);
    expect((await sut.allTasks(owner)).items.map((t) => t.id)).not.toContain(task.id);
  });

  it('answers 404 for a malformed id', async () => {
    expect(await sut.request('DELETE', '/api/tasks/123', { token: owner.token })).toBeErrorAnswer(404);
  });
});

describe('seq: the event-log head in list and stats answers', () => {
  it('grows by exactly one per mutation and not at all for failures, retries and no-ops', async () => {
    const user = await sut.register();
    const other = await sut.register();
    const heads: number[] = [await logHead(sut, user)];
    const step = async (mutation: () => Promise<unknown>) => {
      await mutation();
      heads.push(await logHead(sut, user));
    };
    const id = randomUUID();

    await step(() => create(aTask({ id }), user));
    await step(() => create(aTask({ id }), user));
    await step(() => patch(id, { title: 'changed' }, user));
    await step(() => patch(id, { title: 'changed' }, user));
    await step(() => patch(id, { title: 'stale', version: 1 }, user));
    await step(() => patch(id, { title: '' }, user));
    await step(() => patch(id, { status: 'completed' }, user));
    await step(() => patch(id, { status: 'pending' }, user));
    await step(() => sut.share(user, id, other, 'view'));
    await step(() => sut.request('DELETE', `/api/tasks/${id}/shares/${other.id}`, { token: user.token }));
    await step(() => sut.createTeam(user));
    await step(() => sut.request('DELETE', `/api/tasks/${id}`, { token: other.token }));
    await step(() => sut.request('DELETE', `/api/tasks/${id}`, { token: user.token }));

    const deltas = heads.slice(1).map((head, i) => head - heads[i]);
    // The share is two: task_shared, and the recipient's notification (part 2), in one transaction.
    expect(deltas).toEqual([1, 0, 1, 0, 0, 0, 1, 1, 2, 1, 1, 0, 1]);
  });

  it('is the same number in the list answer and the stats answer, for every user', async () => {
    const [a, b] = [await sut.register(), await sut.register()];
    await sut.createTask(a, aTask());

    const [listA, listB, stats] = [
      await sut.request('GET', '/api/tasks', { token: a.token }),
      await sut.request('GET', '/api/tasks', { token: b.token }),
      await sut.request('GET', '/api/dashboard/stats', { token: b.token }),
    ];

    expect(listA.body.seq).toBeGreaterThan(0);
    expect(listB.body.seq).toBe(listA.body.seq);
    expect(stats.body.seq).toBe(listA.body.seq);
  });
});
