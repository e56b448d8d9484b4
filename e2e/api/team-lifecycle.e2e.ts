/** Part 2 teams: rename, delete (tasks become personal), members as {userId, email, name, role}, no empty team left. */
import { mutationOf } from '../realtime/helpers/events';
import type { TaskDto } from '@taskpulse/contract';
import { Api } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import './helpers/answers';

let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

/** The logged events a socket received (these sockets connect after the setup: all of them come from the request under test). */
const loggedOf = (socket: SocketClient) => socket.messages.filter((m) => typeof m.seq === 'number');

describe('PATCH /api/teams/:id', () => {
  it('renames for admins, tells the members with team_updated, and refuses members and strangers', async () => {
    const [admin, member, stranger] = [await sut.register(), await sut.register(), await sut.register()];
    const team = await sut.createTeam(admin, 'Old name');
    await sut.addMember(admin, team.id, member);
    const [memberSocket, strangerSocket] = [
      await connectAcked(server.wsUrl, { token: member.token }),
      await connectAcked(server.wsUrl, { token: stranger.token }),
    ];

    const answer = await sut.request('PATCH', `/api/teams/${team.id}`, {
      token: admin.token,
      body: { name: '  New name ' },
      headers: { 'x-mutation-id': 'rename-1' },
    });

    expect(answer).toHaveStatus(200);
    expect(answer.body).toMatchObject({ id: team.id, name: 'New name', role: 'admin' });
    const event = await memberSocket.waitFor((m) => m.event_type === 'team_updated' && m.data.team_id === team.id, 'team_updated');
    // The mutation id goes only to the actor's own copy.
    expect(mutationOf(event) ?? null).toBeNull();
    expect(event).toMatchObject({
      event_type: 'team_updated',
      seq: expect.any(Number),
      data: { team_id: team.id, name: 'New name', actor_id: admin.id, actor: { id: admin.id, name: admin.name } },
    });
    expect((await sut.request('GET', '/api/teams', { token: member.token })).body[0].name).toBe('New name');
    expect(await sut.request('PATCH', `/api/teams/${team.id}`, { token: member.token, body: { name: 'Mine' } })).toHaveStatus(403);
    expect(await sut.request('PATCH', `/api/teams/${team.id}`, { token: stranger.token, body: { name: 'Mine' } })).toHaveStatus(404);
    expect(await sut.request('PATCH', `/api/teams/${team.id}`, { token: admin.token, body: { name: '' } })).toBeValidationErrorFor('name');
    expect(await sut.request('PATCH', `/api/teams/${team.id}`, { token: admin.token, body: { name: 'x', extra: 1 } })).toHaveStatus(400);
    await sut.createTask(admin, { title: 'barrier' }, 'rename-barrier');
    expect(strangerSocket.messages.filter((m) => m.event_type === 'team_updated')).toEqual([]);
    memberSocket.close();
    strangerSocket.close();
  });
});

describe('DELETE /api/teams/:id', () => {
  it('makes the tasks personal (owner and shares keep them, members lose them), then removes every member', async () => {
    const [admin, member, friend] = [await sut.register(), await sut.register(), await sut.register()];
    const team = await sut.createTeam(admin);
    await sut.addMember(admin, team.id, member);
    const adminTask = await sut.createTask(admin, { teamId: team.id });
    const memberTask = await sut.createTask(member, { teamId: team.id });
    await sut.share(member, memberTask.id, friend, 'view');
    const sockets = {
      admin: await connectAcked(server.wsUrl, { token: admin.token }),
      member: await connectAcked(server.wsUrl, { token: member.token }),
      friend: await connectAcked(server.wsUrl, { token: friend.token }),
    };

    expect(await sut.request('DELETE', `/api/teams/${team.id}`, { token: member.token })).toHaveStatus(403);
    const answer = await sut.request('DELETE', `/api/teams/${team.id}`, { token: admin.token, headers: { 'x-mutation-id': 'dissolve' } });
    expect(answer).toHaveStatus(204);

    // Removals reach the members of their moment: the others first, the admin who deletes last (seeing them all).
    await sockets.member.waitFor((m) => m.event_type === 'team_member_removed' && m.data.user_id === member.id, 'member removed');
    await sockets.admin.waitFor((m) => m.event_type === 'team_member_removed' && m.data.user_id === admin.id, 'admin removed');
    await sockets.friend.waitFor((m) => m.event_type === 'task_updated' && m.data.task_id === memberTask.id, 'friend hears the task');
    const summary = (socket: SocketClient) =>
      loggedOf(socket).map((m) => {
        if (m.event_type !== 'task_updated') return [m.event_type, (m.data as { user_id: string }).user_id];
        const task = m.data.task as TaskDto | null;
        return [m.event_type, m.data.task_id, task ? [task.teamId, task.permission] : null];
      });
    expect(summary(sockets.admin)).toEqual([
      ['task_updated', adminTask.id, [null, 'owner']],
      ['task_updated', memberTask.id, null],
      ['team_member_removed', member.id],
      ['team_member_removed', admin.id],
    ]);
    expect(summary(sockets.member)).toEqual([
      ['task_updated', adminTask.id, null],
      ['task_updated', memberTask.id, [null, 'owner']],
      ['team_member_removed', member.id],
    ]);
    expect(summary(sockets.friend)).toEqual([['task_updated', memberTask.id, [null, 'view']]]);
    // Only the actor's copies carry the request's mutation id.
    expect(loggedOf(sockets.admin).map(mutationOf)).toEqual(['dissolve', 'dissolve', 'dissolve', 'dissolve']);
    expect([...loggedOf(sockets.member), ...loggedOf(sockets.friend)].map((m) => mutationOf(m) ?? null)).toEqual([null, null, null, null]);

    expect((await sut.request('GET', '/api/teams', { token: admin.token })).body).toEqual([]);
    expect(await sut.request('GET', `/api/tasks/${memberTask.id}`, { token: admin.token })).toHaveStatus(404);
    expect((await sut.request('GET', `/api/tasks/${adminTask.id}`, { token: admin.token })).body).toMatchObject({
      teamId: null,
      version: adminTask.version + 1,
    });
    const history = await sut.request('GET', `/api/tasks/${adminTask.id}/history`, { token: admin.token });
    if (history.status === 200) expect(history.body.at(-1)).toMatchObject({ type: 'task_updated', changes: { teamId: [team.id, null] } });
    expect(await sut.request('DELETE', `/api/teams/${team.id}`, { token: admin.token })).toHaveStatus(404);
    Object.values(sockets).forEach((socket) => socket.close());
  });

  it('does not let an empty team linger: the last member leaving deletes it and frees its tasks', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const team = await sut.createTeam(admin);
    await sut.addMember(admin, team.id, member);
    const task = await sut.createTask(member, { teamId: team.id });
    expect(await sut.request('DELETE', `/api/teams/${team.id}/members/${member.id}`, { token: member.token })).toHaveStatus(204);
    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: member.token })).body.teamId).toBe(team.id);

    expect(await sut.request('DELETE', `/api/teams/${team.id}/members/${admin.id}`, { token: admin.token })).toHaveStatus(204);

    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: member.token })).body).toMatchObject({
      teamId: null,
      permission: 'owner',
    });
    expect(await sut.request('PATCH', `/api/teams/${team.id}`, { token: admin.token, body: { name: 'back?' } })).toHaveStatus(404);
    expect(await sut.request('POST', '/api/tasks', { token: admin.token, body: { title: 'x', teamId: team.id } })).toHaveStatus(404);
  });
});

describe('GET /api/teams', () => {
  it('answers each member with userId, email, name and role', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const team = await sut.createTeam(admin);
    await sut.addMember(admin, team.id, member);
    const [listed] = (await sut.request('GET', '/api/teams', { token: member.token })).body as Array<{ members: unknown[] }>;
    expect(listed.members).toEqual([
      expect.objectContaining({ userId: admin.id, email: admin.email, name: admin.name, role: 'admin' }),
      expect.objectContaining({ userId: member.id, email: member.email, name: member.name, role: 'member' }),
    ]);
  });
});
