/**
 * Who may do what to a task: owner, edit share, view share, team member, team admin, stranger.
 * Invisible is 404 (never 403), visible-but-not-allowed is 403; re-teaming and deleting are for owner or team admin.
 */
import { randomUUID } from 'node:crypto';
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;

type Role = 'owner' | 'editor' | 'viewer' | 'member' | 'admin' | 'stranger';
const users = {} as Record<Role, TestUser>;
let outsider: TestUser;
/** The admin's team, where owner and member are plain members. */
let team: string;
/** The owner's own team (admin: owner); nobody else is in it. */
let ownersTeam: string;
/** Another team of the admin, which the owner is not in. */
let adminsOtherTeam: string;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  for (const role of ['owner', 'editor', 'viewer', 'member', 'admin', 'stranger'] as Role[])
    users[role] = await sut.register({ name: role });
  outsider = await sut.register({ name: 'outsider' });
  team = (await sut.createTeam(users.admin, 'Shared team')).id;
  await sut.addMember(users.admin, team, users.owner);
  await sut.addMember(users.admin, team, users.member);
  ownersTeam = (await sut.createTeam(users.owner, "Owner's team")).id;
  adminsOtherTeam = (await sut.createTeam(users.admin, "Admin's other team")).id;
});
afterAll(() => server?.dispose());

/** A task of the owner in the shared team, shared for edit with the editor and for view with the viewer. */
async function aSharedTeamTask(): Promise<TaskDto> {
  const task = await sut.createTask(users.owner, aTask({ teamId: team }));
  await sut.share(users.owner, task.id, users.editor, 'edit');
  await sut.share(users.owner, task.id, users.viewer, 'view');
  return task;
}

const as = (role: Role) => ({ token: users[role].token });

describe('reading', () => {
  let task: TaskDto;
  beforeAll(async () => {
    task = await aSharedTeamTask();
  });

  it.each<[Role, number, string | null]>([
    ['owner', 200, 'owner'],
    ['editor', 200, 'edit'],
    ['viewer', 200, 'view'],
    ['member', 200, 'team'],
    ['admin', 200, 'team'],
    ['stranger', 404, null],
  ])('GET /api/tasks/:id as %s: %i with permission %s', async (role, status, permission) => {
    const answer = await sut.request('GET', `/api/tasks/${task.id}`, as(role));

    if (status === 404) expect(answer).toBeErrorAnswer(404);
    else expect(answer.body).toEqual({ ...task, permission });
  });

  it.each<[Role, number]>([
    ['owner', 200],
    ['editor', 200],
    ['viewer', 200],
    ['member', 200],
    ['admin', 200],
    ['stranger', 404],
  ])('GET /api/tasks/:id/shares as %s: %i', async (role, status) => {
    const answer = await sut.request('GET', `/api/tasks/${task.id}/shares`, as(role));

    if (status === 404) expect(answer).toBeErrorAnswer(404);
    else expect(answer.body.map((share: { userId: string }) => share.userId).sort()).toEqual([users.editor.id, users.viewer.id].sort());
  });
});

describe('changing fields and status', () => {
  let task: TaskDto;
  beforeAll(async () => {
    task = await aSharedTeamTask();
  });

  it.each<[Role, number]>([
    ['owner', 200],
    ['editor', 200],
    ['viewer', 403],
    ['member', 200],
    ['admin', 200],
    ['stranger', 404],
  ])('PATCH title and status as %s: %i', async (role, status) => {
    const before = (await sut.request('GET', `/api/tasks/${task.id}`, as('owner'))).body;

    const rename = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as(role), body: { title: `renamed by ${role}` } });
    const toggled = before.status === 'pending' ? 'completed' : 'pending';
    const complete = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as(role), body: { status: toggled } });

    const after = (await sut.request('GET', `/api/tasks/${task.id}`, as('owner'))).body;
    if (status === 200) {
      expect(rename).toHaveStatus(200);
      expect(complete).toHaveStatus(200);
      expect(after).toMatchObject({ title: `renamed by ${role}`, version: before.version + 2 });
      expect(complete.body.permission).toBe((await sut.request('GET', `/api/tasks/${task.id}`, as(role))).body.permission);
    } else {
      expect(rename).toBeErrorAnswer(status);
      expect(complete).toBeErrorAnswer(status);
      expect(after).toEqual(before);
    }
  });

  it('lets a viewer who also joins the team change the task: team beats view', async () => {
    const viewer = await sut.register();
    const other = await aSharedTeamTask();
    await sut.share(users.owner, other.id, viewer, 'view');
    expect(await sut.request('PATCH', `/api/tasks/${other.id}`, { token: viewer.token, body: { title: 'no' } })).toBeErrorAnswer(403);
    await sut.addMember(users.admin, team, viewer);

    const answer = await sut.request('PATCH', `/api/tasks/${other.id}`, { token: viewer.token, body: { title: 'yes' } });

    expect(answer.body).toMatchObject({ title: 'yes', permission: 'team' });
    await sut.request('DELETE', `/api/teams/${team}/members/${viewer.id}`, { token: users.admin.token });
  });
});

describe('re-teaming', () => {
  it.each<[Role, number]>([
    ['owner', 200],
    ['admin', 200],
    ['editor', 403],
    ['viewer', 403],
    ['member', 403],
    ['stranger', 404],
  ])('PATCH teamId=null as %s: %i', async (role, status) => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as(role), body: { teamId: null } });

    const after = (await sut.request('GET', `/api/tasks/${task.id}`, as('owner'))).body;
    if (status === 200) expect(after).toMatchObject({ teamId: null, version: 2 });
    else {
      expect(answer).toBeErrorAnswer(status);
      expect(after).toEqual(task);
    }
  });

  it('is no re-team when the current team is named again: a member may send it', async () => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as('member'), body: { teamId: team } });

    expect(answer.body).toMatchObject({ teamId: team, version: 1 });
  });

  it("moving away removes the old team's members from the audience; shares stay", async () => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as('owner'), body: { teamId: ownersTeam } });

    expect(answer.body).toMatchObject({ teamId: ownersTeam, permission: 'owner' });
    for (const role of ['member', 'admin'] as Role[]) {
      expect(await sut.request('GET', `/api/tasks/${task.id}`, as(role))).toBeErrorAnswer(404);
      expect((await sut.allTasks(users[role])).items.map((t) => t.id)).not.toContain(task.id);
    }
    expect((await sut.request('GET', `/api/tasks/${task.id}`, as('editor'))).body.permission).toBe('edit');
    expect((await sut.request('GET', `/api/tasks/${task.id}`, as('viewer'))).body.permission).toBe('view');
  });

  it('needs a target team the caller belongs to: 404 otherwise, nothing changes', async () => {
    const task = await aSharedTeamTask();
    const foreignTeam = (await sut.createTeam(outsider)).id;

    for (const target of [adminsOtherTeam, foreignTeam, randomUUID()]) {
      expect(await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as('owner'), body: { teamId: target } })).toBeErrorAnswer(404);
    }
    expect((await sut.request('GET', `/api/tasks/${task.id}`, as('owner'))).body).toEqual(task);
  });

  // The contract changed (issue 11): an admin who does not own the task may no longer take it into a team of theirs
  // that its owner is not in.
  it("refuses a team admin moving a task into the admin's own other team, which the owner is not in (403)", async () => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as('admin'), body: { teamId: adminsOtherTeam } });

    expect(answer).toBeErrorAnswer(403, /owner/);
    expect((await sut.request('GET', `/api/tasks/${task.id}`, as('owner'))).body).toEqual(task);
    expect((await sut.request('GET', `/api/tasks/${task.id}`, as('member'))).body.permission).toBe('team');
  });

  it('lets a team admin move a task out of the team, after which the admin no longer sees it', async () => {
    const task = await aSharedTeamTask();

    expect(await sut.request('PATCH', `/api/tasks/${task.id}`, { ...as('admin'), body: { teamId: null } })).toHaveStatus(200);

    expect(await sut.request('GET', `/api/tasks/${task.id}`, as('admin'))).toBeErrorAnswer(404);
  });
});

describe('deleting', () => {
  it.each<[Role, number]>([
    ['owner', 204],
    ['admin', 204],
    ['editor', 403],
    ['viewer', 403],
    ['member', 403],
    ['stranger', 404],
  ])('DELETE /api/tasks/:id as %s: %i', async (role, status) => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('DELETE', `/api/tasks/${task.id}`, as(role));

    const after = await sut.request('GET', `/api/tasks/${task.id}`, as('owner'));
    if (status === 204) {
      expect(answer).toHaveStatus(204);
      expect(after).toBeErrorAnswer(404);
      for (const r of ['editor', 'viewer', 'member'] as Role[])
        expect(await sut.request('GET', `/api/tasks/${task.id}`, as(r))).toBeErrorAnswer(404);
    } else {
      expect(answer).toBeErrorAnswer(status);
      expect(after.body).toEqual(task);
    }
  });
});

describe('sharing', () => {
  it.each<[Role, number]>([
    ['owner', 201],
    ['editor', 403],
    ['viewer', 403],
    ['member', 403],
    ['admin', 403],
    ['stranger', 404],
  ])('POST /api/tasks/:id/shares as %s: %i', async (role, status) => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('POST', `/api/tasks/${task.id}/shares`, {
      ...as(role),
      body: { email: outsider.email, permission: 'view' },
    });

    const seen = await sut.request('GET', `/api/tasks/${task.id}`, { token: outsider.token });
    if (status === 201) expect(seen.body.permission).toBe('view');
    else {
      expect(answer).toBeErrorAnswer(status);
      expect(seen).toBeErrorAnswer(404);
    }
  });

  it.each<[Role, number]>([
    ['owner', 204],
    ['editor', 403],
    ['member', 403],
    ['admin', 403],
    ['stranger', 404],
  ])("DELETE /api/tasks/:id/shares/<viewer> (someone else's share) as %s: %i", async (role, status) => {
    const task = await aSharedTeamTask();

    const answer = await sut.request('DELETE', `/api/tasks/${task.id}/shares/${users.viewer.id}`, as(role));

    const seen = await sut.request('GET', `/api/tasks/${task.id}`, as('viewer'));
    if (status === 204) expect(seen).toBeErrorAnswer(404);
    else {
      expect(answer).toBeErrorAnswer(status);
      expect(seen).toHaveStatus(200);
    }
  });
});

describe('ids and tokens', () => {
  const malformed = ['not-a-uuid', '12345', 'ffffffff-ffff-ffff-ffff-fffffffffffffff'];
  it.each(
    malformed.flatMap((id) => [
      ['GET', `/api/tasks/${id}`],
      ['PATCH', `/api/tasks/${id}`],
      ['DELETE', `/api/tasks/${id}`],
      ['GET', `/api/tasks/${id}/shares`],
      ['POST', `/api/tasks/${id}/shares`],
      ['DELETE', `/api/tasks/${id}/shares/${randomUUID()}`],
    ]),
  )('%s %s answers 404 for a malformed task id', async (method, path) => {
    const body = method === 'PATCH' ? { title: 'x' } : method === 'POST' ? { email: outsider.email, permission: 'view' } : undefined;

    expect(await sut.request(method, path, { ...as('owner'), body })).toBeErrorAnswer(404);
  });

  it.each([
    ['GET', '/api/auth/me'],
    ['GET', '/api/users?email=a@example.com'],
    ['GET', '/api/tasks'],
    ['POST', '/api/tasks'],
    ['GET', `/api/tasks/${randomUUID()}`],
    ['PATCH', `/api/tasks/${randomUUID()}`],
    ['DELETE', `/api/tasks/${randomUUID()}`],
    ['GET', `/api/tasks/${randomUUID()}/shares`],
    ['POST', `/api/tasks/${randomUUID()}/shares`],
    ['DELETE', `/api/tasks/${randomUUID()}/shares/${randomUUID()}`],
    ['GET', '/api/teams'],
    ['POST', '/api/teams'],
    ['POST', `/api/teams/${randomUUID()}/members`],
    ['DELETE', `/api/teams/${randomUUID()}/members/${randomUUID()}`],
    ['GET', '/api/dashboard/stats'],
  ])('%s %s answers 401 without a token and with an invalid one', async (method, path) => {
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};

    expect(await sut.request(method, path, { body })).toBeErrorAnswer(401);
    expect(await sut.request(method, path, { body, token: 'invalid.jwt.token' })).toBeErrorAnswer(401);
  });
});
