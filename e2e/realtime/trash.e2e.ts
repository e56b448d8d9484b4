/** Trash over the socket: a delete reaches the old audience with `task: null`, a restore the new one as `task_restored`. */
import type { ServerMessage, TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, delay, SocketClient } from '../support/ws';
import { barrier, loggedEvents, mutationOf } from './helpers/events';

describe('trash and restore, live and replayed', () => {
  let server: RunningServer;
  let api: Api;
  let owner: TestUser;
  let friend: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let teamId: string;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    [owner, friend, member, stranger] = await Promise.all(['Owner', 'Friend', 'Member', 'Stranger'].map((name) => api.register({ name })));
    teamId = (await api.createTeam(owner, 'Live trash')).id;
    await api.addMember(owner, teamId, member);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.dispose();
  });

  const connect = async (user: TestUser, since?: number) => {
    const socket = await connectAcked(server.wsUrl, { token: user.token, since });
    sockets.push(socket);
    return socket;
  };
  const restore = (user: TestUser, task: TaskDto, mutationId: string) =>
    api.request<TaskDto>('POST', `/api/tasks/${task.id}/restore`, { token: user.token, headers: { 'x-mutation-id': mutationId } });

  it('sends task_deleted (task null) then task_restored (the task as each sees it) to owner, share and team; nothing to others', async () => {
    const task = await api.createTask(owner, aTask({ teamId }));
    await api.share(owner, task.id, friend, 'view');
    const [ownerSocket, friendSocket, memberSocket, strangerSocket] = await Promise.all(
      [owner, friend, member, stranger].map((u) => connect(u)),
    );

    await api.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token, headers: { 'x-mutation-id': 'trash-del' } });
    const restored = await restore(owner, task, 'trash-restore');
    expect(restored.status).toBe(200);

    const expected = { owner: 'owner', friend: 'view', member: 'team' } as const;
    for (const [name, socket] of [
      ['owner', ownerSocket],
      ['friend', friendSocket],
      ['member', memberSocket],
    ] as const) {
      const deleted = await socket.waitFor<ServerMessage<'task_deleted'>>(
        (m) => m.event_type === 'task_deleted' && 'task_id' in m.data && m.data.task_id === task.id,
        `${name}: task_deleted`,
      );
      expect(deleted.data).toMatchObject({ task_id: task.id, task: null });
      const back = await socket.waitFor<ServerMessage<'task_restored'>>(
        (m) => m.event_type === 'task_restored' && 'task_id' in m.data && m.data.task_id === task.id,
        `${name}: task_restored`,
      );
      // The mutation ids go only to the actor's (the owner's) own copies.
      expect([mutationOf(deleted) ?? null, mutationOf(back) ?? null]).toEqual(
        name === 'owner' ? ['trash-del', 'trash-restore'] : [null, null],
      );
      expect(back.event_type).toBe('task_restored');
      expect(back.data).toMatchObject({ task_id: task.id, user_id: owner.id, team_id: teamId });
      expect(back.data.task).toEqual({ ...restored.body, permission: expected[name] });
      expect(back.seq).toBe(deleted.seq! + 1);
    }
    await barrier(api, [{ user: stranger, client: strangerSocket }]);
    expect(loggedEvents(strangerSocket).filter((m) => 'task_id' in m.data && m.data.task_id === task.id)).toEqual([]);
  });

  it('replays task_restored to a client resuming with since', async () => {
    const task = await api.createTask(owner, aTask());
    await api.share(owner, task.id, friend, 'edit');
    const { seq } = await api.allTasks(friend);
    await api.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token, headers: { 'x-mutation-id': 'replay-del' } });
    await restore(owner, task, 'replay-restore');
    await delay(50);

    const socket = await connect(friend, seq);
    await socket.waitFor((m) => m.event_type === 'replay_complete', 'replay_complete');
    // The friend did not act: no mutation ids (they go only to the actor's own copies).
    expect(loggedEvents(socket).map((m) => [m.event_type, m.data.mutation_id ?? null])).toEqual([
      ['task_deleted', null],
      ['task_restored', null],
    ]);
    expect(loggedEvents(socket)[1].data).toMatchObject({ task: { id: task.id, permission: 'edit' } });
  });
});
