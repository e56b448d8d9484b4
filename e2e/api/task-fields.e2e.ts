/** Part 2 task fields: in_progress, assignees, labels, checklist, board order (moveAfter), filters and sorts. */
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import './helpers/answers';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;
let owner: TestUser;
let editor: TestUser;
let viewer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  [owner, editor, viewer, stranger] = [await sut.register(), await sut.register(), await sut.register(), await sut.register()];
});
afterAll(() => server?.dispose());

const patch = (user: TestUser, id: string, body: unknown, mutationId?: string) =>
  sut.request('PATCH', `/api/tasks/${id}`, { token: user.token, body, headers: mutationId ? { 'x-mutation-id': mutationId } : {} });

async function list(user: TestUser, query: string): Promise<{ items: TaskDto[]; next_cursor: string | null }> {
  const answer = await sut.request('GET', query, { token: user.token });
  expect(answer).toHaveStatus(200);
  return answer.body;
}

/** Every page of a query, following cursors. */
async function everyPage(user: TestUser, query: string, limit: number): Promise<TaskDto[]> {
  const items: TaskDto[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(user, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

describe('new fields', () => {
  it('gives a new task empty lists, no comments and a key after every other task', async () => {
    const first = await sut.createTask(owner);
    const second = await sut.createTask(editor);

    expect(first).toMatchObject({ assigneeIds: [], labels: [], checklist: [], commentCount: 0 });
    expect(typeof first.position).toBe('string');
    expect(second.position > first.position).toBe(true);
  });

  it('takes assignees, labels (trimmed, order kept) and a checklist on create and on PATCH', async () => {
    const task = await sut.createTask(owner, {
      ...aTask(),
      labels: [' Bug ', 'ui'],
      checklist: [{ text: ' step ', done: false }],
    } as never);
    expect(task.labels).toEqual(['Bug', 'ui']);
    expect(task.checklist).toEqual([{ id: expect.any(String), text: 'step', done: false }]);

    await sut.share(owner, task.id, editor, 'edit');
    const answer = await patch(editor, task.id, {
      assigneeIds: [owner.id, editor.id],
      labels: ['ui', 'Backend'],
      checklist: [
        { id: task.checklist[0].id, text: 'step', done: true },
        { id: 'b', text: 'two', done: false },
      ],
    });

    expect(answer).toHaveStatus(200);
    expect(answer.body).toMatchObject({
      assigneeIds: [owner.id, editor.id],
      labels: ['ui', 'Backend'],
      checklist: [
        { id: task.checklist[0].id, text: 'step', done: true },
        { id: 'b', text: 'two', done: false },
      ],
      version: task.version + 1,
    });
  });

  it('refuses assignees who cannot see the task, and too many or malformed values, naming the field', async () => {
    const task = await sut.createTask(owner);
    const bad: Array<[unknown, string]> = [
      [{ assigneeIds: [stranger.id] }, 'assigneeIds'],
      [{ assigneeIds: ['not-a-uuid'] }, 'assigneeIds'],
      [{ assigneeIds: [owner.id, owner.id] }, 'assigneeIds'],
      [{ labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 'labels'],
      [{ labels: ['Bug', 'bug'] }, 'labels'],
      [{ labels: ['x'.repeat(33)] }, 'labels'],
      [{ labels: ['  '] }, 'labels'],
      [{ checklist: [{ text: '', done: false }] }, 'checklist'],
      [{ checklist: [{ text: 'a', done: 'yes' }] }, 'checklist'],
      [{ checklist: [{ text: 'a', done: false, extra: 1 }] }, 'checklist'],
      [{ checklist: Array.from({ length: 101 }, () => ({ text: 'a', done: false })) }, 'checklist'],
      [
        {
          checklist: [
            { id: 'same', text: 'a', done: false },
            { id: 'same', text: 'b', done: false },
          ],
        },
        'checklist',
      ],
      [{ moveAfter: 'nope' }, 'moveAfter'],
      [{ moveAfter: task.id }, 'moveAfter'],
      [{ status: 'started' }, 'status'],
    ];
    for (const [body, field] of bad) {
      const answer = await patch(owner, task.id, body);
      expect(answer).toHaveStatus(400);
      expect(JSON.stringify(answer.body.message)).toContain(field);
    }
  });

  it('lets a viewer assign nobody, but anyone who may edit assign whoever can see the task', async () => {
    const task = await sut.createTask(owner);
    await sut.share(owner, task.id, viewer, 'view');
    await sut.share(owner, task.id, editor, 'edit');

    expect(await patch(viewer, task.id, { assigneeIds: [viewer.id] })).toHaveStatus(403);
    const answer = await patch(editor, task.id, { assigneeIds: [viewer.id] });
    expect(answer).toHaveStatus(200);
    expect(answer.body.assigneeIds).toEqual([viewer.id]);
  });

  it('accepts team members as assignees of a team task only', async () => {
    const team = await sut.createTeam(owner);
    await sut.addMember(owner, team.id, editor);
    const personal = await sut.createTask(owner);
    const inTeam = await sut.createTask(owner, { teamId: team.id });

    expect(await patch(owner, personal.id, { assigneeIds: [editor.id] })).toHaveStatus(400);
    expect(await patch(owner, inTeam.id, { assigneeIds: [editor.id] })).toHaveStatus(200);
  });
});

describe('status and its events', () => {
  let socket: SocketClient;
  beforeAll(async () => (socket = await connectAcked(server.wsUrl, { token: owner.token })));
  afterAll(() => socket?.close());

  const eventOf = (mutationId: string) =>
    socket.waitFor((m) => (m.data as { mutation_id?: string }).mutation_id === mutationId, mutationId);

  it('moves through in_progress with task_updated, completes with task_completed, reopens from completed only', async () => {
    const task = await sut.createTask(owner);
    const steps: Array<[string, string, string]> = [
      ['in_progress', 'task_updated', 's1'],
      ['pending', 'task_updated', 's2'],
      ['completed', 'task_completed', 's3'],
      ['in_progress', 'task_reopened', 's4'],
      ['completed', 'task_completed', 's5'],
      ['pending', 'task_reopened', 's6'],
    ];
    for (const [status, type, mutation] of steps) {
      const answer = await patch(owner, task.id, { status }, `${task.id}-${mutation}`);
      expect(answer).toHaveStatus(200);
      expect(answer.body.completedAt === null).toBe(status !== 'completed');
      const event = await eventOf(`${task.id}-${mutation}`);
      expect(event.event_type).toBe(type);
      expect(event.data).toMatchObject({ actor: { id: owner.id, name: owner.name } });
    }
  });

  it('counts in progress and assigned-to-me on the dashboard', async () => {
    const before = (await sut.request('GET', '/api/dashboard/stats', { token: editor.token })).body;
    const task = await sut.createTask(owner);
    await sut.share(owner, task.id, editor, 'edit');
    await patch(owner, task.id, { status: 'in_progress', assigneeIds: [editor.id] });

    const after = (await sut.request('GET', '/api/dashboard/stats', { token: editor.token })).body;
    expect(after.inProgress - before.inProgress).toBe(1);
    expect(after.assignedToMe - before.assignedToMe).toBe(1);
    await patch(owner, task.id, { status: 'completed' });
    expect((await sut.request('GET', '/api/dashboard/stats', { token: editor.token })).body.assignedToMe).toBe(before.assignedToMe);
  });
});

describe('board order', () => {
  it('moves a card after another, or to the top, without renumbering any other card', async () => {
    const user = await sut.register();
    const cards: TaskDto[] = [];
    for (let i = 0; i < 4; i++) cards.push(await sut.createTask(user, { title: `card ${i}` }));
    const order = async () => (await everyPage(user, '/api/tasks?sort=position', 2)).map((task) => task.title);
    expect(await order()).toEqual(['card 0', 'card 1', 'card 2', 'card 3']);

    const moved = await patch(user, cards[3].id, { moveAfter: cards[0].id, status: 'in_progress' });
    expect(moved).toHaveStatus(200);
    expect(moved.body.position > cards[0].position && moved.body.position < cards[1].position).toBe(true);
    expect(await order()).toEqual(['card 0', 'card 3', 'card 1', 'card 2']);

    await patch(user, cards[2].id, { moveAfter: null });
    expect(await order()).toEqual(['card 2', 'card 0', 'card 3', 'card 1']);
    const untouched = (await list(user, '/api/tasks?sort=position')).items.find((task) => task.id === cards[1].id)!;
    expect(untouched).toMatchObject({ position: cards[1].position, version: cards[1].version });

    const again = await patch(user, cards[3].id, { moveAfter: cards[0].id });
    expect(again.body.version).toBe(moved.body.version);
  });

  it('refuses to move after a task the caller cannot see, as a 400 on moveAfter', async () => {
    const mine = await sut.createTask(owner);
    const hidden = await sut.createTask(stranger);
    const answer = await patch(owner, mine.id, { moveAfter: hidden.id });
    expect(answer).toHaveStatus(400);
    expect(answer.body.message).toEqual(['moveAfter must be a task you can see']);
  });
});

describe('filters and sorts', () => {
  let user: TestUser;
  let helper: TestUser;
  const made: Record<string, TaskDto> = {};
  beforeAll(async () => {
    user = await sut.register();
    helper = await sut.register();
    const day = (n: number) => new Date(Date.UTC(2030, 0, n)).toISOString();
    made.a = await sut.createTask(user, { title: 'a', priority: 'low', dueDate: day(3), labels: ['Bug'] } as never);
    made.b = await sut.createTask(user, { title: 'b', priority: 'high', dueDate: null, labels: ['bug', 'ui'] } as never);
    made.c = await sut.createTask(user, { title: 'c', priority: 'medium', dueDate: day(1) });
    made.d = await sut.createTask(helper, { title: 'd', priority: 'high', dueDate: day(2) });
    await sut.share(helper, made.d.id, user, 'edit');
    await sut.share(user, made.a.id, helper, 'view');
    await patch(user, made.a.id, { assigneeIds: [user.id, helper.id], status: 'in_progress' });
    await patch(helper, made.d.id, { assigneeIds: [user.id] });
    await patch(user, made.c.id, { status: 'completed' });
    await patch(user, made.b.id, { moveAfter: null });
  });

  const titles = (items: TaskDto[]) => items.map((task) => task.title);

  it('filters by assignee (me or an id), label (case-insensitive) and a comma list of statuses', async () => {
    expect(titles((await list(user, '/api/tasks?assignee=me')).items).sort()).toEqual(['a', 'd']);
    expect(titles((await list(user, `/api/tasks?assignee=${helper.id}`)).items)).toEqual(['a']);
    expect(titles((await list(user, '/api/tasks?scope=mine&assignee=me')).items)).toEqual(['a']);
    expect(titles((await list(user, '/api/tasks?label=BUG')).items).sort()).toEqual(['a', 'b']);
    expect(titles((await list(user, '/api/tasks?label=ui')).items)).toEqual(['b']);
    expect(titles((await list(user, '/api/tasks?status=pending,in_progress')).items).sort()).toEqual(['a', 'b', 'd']);
    expect(titles((await list(user, '/api/tasks?status=completed')).items)).toEqual(['c']);
    for (const query of ['assignee=someone', 'status=pending,nope', 'sort=title', 'label=']) {
      expect(await sut.request('GET', `/api/tasks?${query}`, { token: user.token })).toHaveStatus(400);
    }
  });

  it('sorts by position, due (none last), priority (high first), updated and created, every page continuing exactly', async () => {
    const expected: Record<string, string[]> = {
      position: ['b', 'a', 'c', 'd'],
      due: ['c', 'd', 'a', 'b'],
      priority: ['d', 'b', 'c', 'a'],
      updated: ['b', 'c', 'd', 'a'],
      created: ['d', 'c', 'b', 'a'],
    };
    for (const [sort, order] of Object.entries(expected)) {
      expect([sort, titles(await everyPage(user, `/api/tasks?sort=${sort}`, 1))]).toEqual([sort, order]);
      expect([sort, titles((await list(user, `/api/tasks?sort=${sort}`)).items)]).toEqual([sort, order]);
    }
  });

  it('refuses a cursor made for another sort', async () => {
    const page = await list(user, '/api/tasks?sort=due&limit=1');
    const answer = await sut.request('GET', `/api/tasks?sort=priority&cursor=${encodeURIComponent(page.next_cursor!)}`, {
      token: user.token,
    });
    expect(answer).toHaveStatus(400);
    expect(answer.body.message).toEqual(['cursor is not valid']);
  });
});
