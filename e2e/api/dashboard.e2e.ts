/** GET /api/dashboard/stats over a prepared set of tasks whose every figure is known. */
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { logHead, utcDay } from './helpers/builders';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

const stats = (user: TestUser) => sut.request('GET', '/api/dashboard/stats', { token: user.token });
const setStatus = (user: TestUser, task: TaskDto, status: 'completed' | 'pending') =>
  sut.request('PATCH', `/api/tasks/${task.id}`, { token: user.token, body: { status } });

it('answers every figure as zero (and no teams) for a new user', async () => {
  const user = await sut.register();

  const answer = await stats(user);

  expect(answer).toHaveStatus(200);
  expect(answer.body).toEqual({
    total: 0,
    pending: 0,
    inProgress: 0,
    completed: 0,
    assignedToMe: 0,
    overdue: 0,
    dueToday: 0,
    completedThisWeek: 0,
    sharedWithMe: 0,
    sharedByMe: 0,
    completionRate: 0,
    teams: [],
    seq: await logHead(sut, user),
  });
});

describe('with a prepared data set', () => {
  let me: TestUser;
  let other: TestUser;
  let alpha: string;
  let beta: string;
  let today: string;

  beforeAll(async () => {
    [me, other] = [await sut.register(), await sut.register()];
    const friend = await sut.register();
    today = utcDay(0);
    const yesterday = utcDay(-1);
    alpha = (await sut.createTeam(other, 'Alpha team')).id;
    beta = (await sut.createTeam(me, 'Beta team')).id;
    await sut.createTeam(other, 'Gamma team (not mine)');
    await sut.addMember(other, alpha, me);

    // Mine: 9 tasks.
    await sut.createTask(me, aTask({ dueDate: yesterday })); // overdue
    await sut.createTask(me, aTask({ dueDate: today })); // midnight today: overdue and due today
    await sut.createTask(me, aTask({ dueDate: `${utcDay(365)}T12:00:00Z` }));
    await sut.createTask(me, aTask());
    await setStatus(me, await sut.createTask(me, aTask({ dueDate: yesterday })), 'completed'); // completed: not overdue
    const reopened = await sut.createTask(me, aTask());
    await setStatus(me, reopened, 'completed');
    await setStatus(me, reopened, 'pending'); // completed and reopened: counts as neither
    await sut.share(me, (await sut.createTask(me, aTask())).id, friend, 'view'); // shared by me
    const twiceShared = await sut.createTask(me, aTask());
    await sut.share(me, twiceShared.id, friend, 'view');
    await sut.share(me, twiceShared.id, other, 'edit'); // shared by me, counted once
    await sut.createTask(me, aTask({ teamId: alpha }));

    // Shared with me: 2 tasks.
    const sharedView = await sut.createTask(other, aTask({ dueDate: yesterday })); // overdue
    await sut.share(other, sharedView.id, me, 'view');
    const sharedEdit = await sut.createTask(other, aTask());
    await sut.share(other, sharedEdit.id, me, 'edit');
    await setStatus(other, sharedEdit, 'completed');

    // Team Alpha: 3 more tasks of the other user (4 with mine); one is also shared with me.
    await sut.createTask(other, aTask({ teamId: alpha, dueDate: `${today}T23:59:59.999Z` })); // due today, not overdue
    await setStatus(other, await sut.createTask(other, aTask({ teamId: alpha })), 'completed');
    const teamAndShared = await sut.createTask(other, aTask({ teamId: alpha }));
    await sut.share(other, teamAndShared.id, me, 'view');

    // Not visible to me: must not count anywhere.
    await sut.createTask(other, aTask({ dueDate: yesterday }));
    await sut.createTask(friend, aTask());
  });

  it('counts every figure over the tasks I can see', async () => {
    const answer = await stats(me);
    if (utcDay(0) !== today) return; // the UTC day turned during the test: the due-date figures moved with it

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual({
      total: 14,
      pending: 11,
      inProgress: 0,
      completed: 3,
      assignedToMe: 0,
      overdue: 3,
      dueToday: 2,
      completedThisWeek: 3,
      sharedWithMe: 3,
      sharedByMe: 2,
      completionRate: 0.2143,
      teams: [
        { teamId: alpha, name: 'Alpha team', total: 4, completed: 1 },
        { teamId: beta, name: 'Beta team', total: 0, completed: 0 },
      ],
      seq: await logHead(sut, me),
    });
  });

  it("counts the other user's own view of the same data", async () => {
    const answer = await stats(other);

    expect(answer.body).toMatchObject({
      total: 8,
      completed: 2,
      sharedWithMe: 1,
      sharedByMe: 3,
      completionRate: 0.25,
      teams: [
        { teamId: alpha, name: 'Alpha team', total: 4, completed: 1 },
        { teamId: expect.any(String), name: 'Gamma team (not mine)', total: 0, completed: 0 },
      ],
    });
  });

  it('follows changes: completing a task moves pending, completed, completedThisWeek, the rate and the team totals', async () => {
    const before = (await stats(me)).body;
    const task = await sut.createTask(me, aTask({ teamId: beta }));

    await setStatus(me, task, 'completed');

    const after = (await stats(me)).body;
    expect(after).toMatchObject({
      total: before.total + 1,
      pending: before.pending,
      completed: before.completed + 1,
      completedThisWeek: before.completedThisWeek + 1,
      completionRate: Math.round(((before.completed + 1) / (before.total + 1)) * 10_000) / 10_000,
      teams: [before.teams[0], { teamId: beta, name: 'Beta team', total: 1, completed: 1 }],
    });
    expect(after.seq).toBe(before.seq + 2);
  });
});
