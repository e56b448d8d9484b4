/** Part 2 notifications: each cause, never for one's own action, list, read, events to that user only, due_soon. */
import type { AnyServerMessage, NotificationDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked } from '../support/ws';
import './helpers/answers';
import { eventually } from '@taskpulse/test-support';

let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer({ env: { DUE_SOON_INTERVAL: '200ms' } });
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

const notifications = async (user: TestUser, query = '') => {
  const answer = await sut.request('GET', `/api/notifications${query}`, { token: user.token });
  expect(answer).toHaveStatus(200);
  return answer.body as { items: NotificationDto[]; unread_count: number; next_cursor: string | null };
};
const kinds = async (user: TestUser) => (await notifications(user)).items.map((n) => n.kind).reverse();

describe('notifications', () => {
  it('tells people of assignments, mentions, comments, shares and teams, never of their own actions', async () => {
    const [owner, friend, mate] = [await sut.register(), await sut.register(), await sut.register()];
    const task = await sut.createTask(owner);
    await sut.share(owner, task.id, friend, 'edit');
    await sut.request('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { assigneeIds: [owner.id, friend.id] } });
    await sut.request('POST', `/api/tasks/${task.id}/comments`, { token: friend.token, body: { body: 'hi', mentions: [owner.id] } });
    await sut.request('POST', `/api/tasks/${task.id}/comments`, { token: owner.token, body: { body: 'me' } });
    const team = await sut.createTeam(owner);
    await sut.addMember(owner, team.id, mate);
    await sut.addMember(owner, team.id, mate, 'admin');

    expect(await kinds(friend)).toEqual(['shared', 'assigned', 'commented']);
    expect(await kinds(owner)).toEqual(['mentioned']);
    expect(await kinds(mate)).toEqual(['added_to_team']);
    const [shared] = (await notifications(friend)).items.slice(-1);
    expect(shared).toEqual({
      id: expect.any(String),
      kind: 'shared',
      taskId: task.id,
      teamId: null,
      actor: { id: owner.id, name: owner.name },
      createdAt: expect.any(String),
      readAt: null,
    });
    expect((await notifications(mate)).items[0]).toMatchObject({ teamId: team.id, taskId: null });
  });

  it('pages newest first, counts the unread, marks read by ids or all, and tells only that user', async () => {
    const [owner, user] = [await sut.register(), await sut.register()];
    for (let i = 0; i < 3; i++) await sut.share(owner, (await sut.createTask(owner)).id, user, 'view');
    const socket = await connectAcked(server.wsUrl, { token: user.token });
    const otherSocket = await connectAcked(server.wsUrl, { token: owner.token });
    const all = await notifications(user);
    expect(all.unread_count).toBe(3);
    const page = await notifications(user, '?limit=2');
    expect(page.items).toEqual(all.items.slice(0, 2));
    expect((await notifications(user, `?limit=2&cursor=${page.next_cursor}`)).items).toEqual(all.items.slice(2));

    const read = (body: unknown, mutationId: string, as = user) =>
      sut.request('POST', '/api/notifications/read', { token: as.token, body, headers: { 'x-mutation-id': mutationId } });
    expect(await read({ ids: [all.items[0].id] }, 'read-1')).toHaveStatus(204);
    const event = await socket.waitFor((m: AnyServerMessage) => m.event_type === 'notifications_read', 'notifications_read');
    expect(event).toMatchObject({ seq: expect.any(Number), data: { ids: [all.items[0].id], actor: { id: user.id } } });
    expect((await notifications(user)).unread_count).toBe(2);
    expect((await notifications(user, '?unread=true')).items.map((n) => n.id)).toEqual(all.items.slice(1).map((n) => n.id));

    expect(await read({ ids: [all.items[1].id] }, 'read-foreign', owner)).toHaveStatus(204);
    expect((await notifications(user)).unread_count).toBe(2);
    expect(await read({ all: true }, 'read-all')).toHaveStatus(204);
    await socket.waitFor((m) => m.event_type === 'notifications_read' && 'all' in m.data && m.data.all === true, 'all read');
    expect((await notifications(user)).unread_count).toBe(0);
    expect((await notifications(user)).items.every((n) => n.readAt !== null)).toBe(true);

    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: [all.items[0].id], all: true }]) {
      expect(await read(body, 'bad')).toHaveStatus(400);
    }
    await sut.createTask(owner, {}, 'owner-barrier');
    await otherSocket.waitFor((m) => (m.data as { mutation_id?: string }).mutation_id === 'owner-barrier', 'barrier');
    expect(otherSocket.messages.filter((m) => m.event_type.startsWith('notification'))).toEqual([]);
    socket.close();
    otherSocket.close();
  });

  it('sends notification_created to that user only, live', async () => {
    const [owner, user] = [await sut.register(), await sut.register()];
    const socket = await connectAcked(server.wsUrl, { token: user.token });
    const task = await sut.createTask(owner);
    await sut.share(owner, task.id, user, 'view');
    const event = await socket.waitFor((m) => m.event_type === 'notification_created', 'notification_created');
    expect(event).toMatchObject({
      seq: expect.any(Number),
      data: { notification: { kind: 'shared', taskId: task.id, actor: { id: owner.id, name: owner.name } }, actor: { id: owner.id } },
    });
    socket.close();
  });

  it('sends due_soon once per task and due date to the owner and assignees, and again for a new due date', async () => {
    const [owner, helper] = [await sut.register(), await sut.register()];
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const task = await sut.createTask(owner, { dueDate: soon });
    await sut.share(owner, task.id, helper, 'edit');
    await sut.request('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { assigneeIds: [helper.id] } });
    const dueSoon = async (user: TestUser) => (await notifications(user)).items.filter((n) => n.kind === 'due_soon');

    await eventually(async () => (await dueSoon(helper)).length === 1, 'due_soon for the assignee', 10_000, 100);
    expect(await dueSoon(owner)).toEqual([expect.objectContaining({ taskId: task.id, actor: null })]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await dueSoon(owner)).toHaveLength(1);

    await sut.request('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { dueDate: new Date(Date.now() + 7_200_000).toISOString() },
    });
    await eventually(async () => (await dueSoon(owner)).length === 2, 'due_soon for the new due date', 10_000, 100);
    const later = await sut.createTask(owner, { dueDate: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await dueSoon(owner)).filter((n) => n.taskId === later.id)).toEqual([]);
  });
});
