/** Teams: create, list with members, add (admins only) and change roles, remove and leave, the last-admin rule. */
import { randomUUID } from 'node:crypto';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { isoInstant, uuidPattern } from './helpers/answers';
import { repeat } from './helpers/builders';
import { aTask, anEmail } from '../support/builders';

let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

const addMember = (admin: TestUser, teamId: string, body: Record<string, unknown>) =>
  sut.request('POST', `/api/teams/${teamId}/members`, { token: admin.token, body });
const removeMember = (caller: TestUser, teamId: string, userId: string) =>
  sut.request('DELETE', `/api/teams/${teamId}/members/${userId}`, { token: caller.token });
/** Members in a fixed order: the contract does not order them, and two may join within one millisecond. */
const sorted = <T extends { members: { userId: string }[] }>(team: T): T => ({
  ...team,
  members: [...team.members].sort((a, b) => a.userId.localeCompare(b.userId)),
});
const teamsOf = async (user: TestUser) => (await sut.request('GET', '/api/teams', { token: user.token })).body.map(sorted);
const memberView = (user: TestUser, role: 'admin' | 'member') => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  role,
  joinedAt: expect.stringMatching(isoInstant),
});

/** A team created by `admin`, with `members` added as plain members. */
async function aTeam(admin: TestUser, ...members: TestUser[]): Promise<string> {
  const team = await sut.createTeam(admin);
  for (const member of members) await sut.addMember(admin, team.id, member);
  return team.id;
}

describe('POST /api/teams', () => {
  it('answers 201 with {id, name, role: admin, members}; the creator is the only member, as admin; the name is trimmed', async () => {
    const creator = await sut.register({ name: 'Creator' });

    const answer = await sut.request('POST', '/api/teams', { token: creator.token, body: { name: '  Platform  ' } });

    expect(answer).toHaveStatus(201);
    expect(answer.body).toEqual({
      id: expect.stringMatching(uuidPattern),
      name: 'Platform',
      role: 'admin',
      members: [memberView(creator, 'admin')],
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['name', { name: '' }],
    ['name', { name: '   ' }],
    ['name', { name: repeat(81) }],
    ['name', {}],
    ['name', { name: 5 }],
    ['members', { name: 'Team', members: [] }],
  ])('answers 400 naming %s for %j', async (field, body) => {
    const creator = await sut.register();

    expect(await sut.request('POST', '/api/teams', { token: creator.token, body })).toBeValidationErrorFor(field);
  });

  it('accepts a name of 80 characters', async () => {
    const creator = await sut.register();

    expect(await sut.request('POST', '/api/teams', { token: creator.token, body: { name: repeat(80) } })).toHaveStatus(201);
  });
});

describe('GET /api/teams', () => {
  it('lists only my teams, by name, each with its members and my role', async () => {
    const [me, other] = [await sut.register(), await sut.register()];
    const zulu = await sut.createTeam(me, 'Zulu');
    const alpha = await sut.createTeam(other, 'Alpha');
    await sut.createTeam(other, 'Not mine');
    await sut.addMember(other, alpha.id, me);

    const teams = await teamsOf(me);

    expect(teams).toEqual([
      sorted({ id: alpha.id, name: 'Alpha', role: 'member', members: [memberView(other, 'admin'), memberView(me, 'member')] }),
      { id: zulu.id, name: 'Zulu', role: 'admin', members: [memberView(me, 'admin')] },
    ]);
  });

  it('answers [] for someone without teams', async () => {
    expect(await teamsOf(await sut.register())).toEqual([]);
  });
});

describe('POST /api/teams/:id/members', () => {
  it('lets an admin add a member: 201 with the team as the admin sees it; the member now lists it', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const team = await sut.createTeam(admin, 'Crew');

    const answer = await addMember(admin, team.id, { email: member.email.toUpperCase(), role: 'member' });

    expect(answer).toHaveStatus(201);
    const members = [memberView(admin, 'admin'), memberView(member, 'member')];
    expect(sorted(answer.body)).toEqual(sorted({ id: team.id, name: 'Crew', role: 'admin', members }));
    expect(await teamsOf(member)).toEqual([sorted({ ...answer.body, role: 'member' })]);
  });

  it("gives the new member the team's tasks", async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin);
    const task = await sut.createTask(admin, aTask({ teamId }));
    expect(await sut.request('GET', `/api/tasks/${task.id}`, { token: member.token })).toBeErrorAnswer(404);

    await sut.addMember(admin, teamId, member);

    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: member.token })).body.permission).toBe('team');
  });

  it('changes the role of someone already in the team (201 again); a promoted member may then add people', async () => {
    const [admin, member, newcomer] = [await sut.register(), await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    const promoted = await addMember(admin, teamId, { email: member.email, role: 'admin' });

    expect(promoted).toHaveStatus(201);
    expect(sorted(promoted.body).members).toEqual(sorted({ members: [memberView(admin, 'admin'), memberView(member, 'admin')] }).members);
    expect(await addMember(member, teamId, { email: newcomer.email, role: 'member' })).toHaveStatus(201);
  });

  it('answers 403 when a plain member tries to add someone', async () => {
    const [admin, member, newcomer] = [await sut.register(), await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    expect(await addMember(member, teamId, { email: newcomer.email, role: 'member' })).toBeErrorAnswer(403);
    expect(await addMember(member, teamId, { email: member.email, role: 'admin' })).toBeErrorAnswer(403);
    expect(await teamsOf(newcomer)).toEqual([]);
  });

  it('answers 404 to a non-member, for an unknown team, for a malformed id and for an unknown email', async () => {
    const [admin, stranger] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin);

    expect(await addMember(stranger, teamId, { email: stranger.email, role: 'admin' })).toBeErrorAnswer(404);
    expect(await addMember(admin, randomUUID(), { email: stranger.email, role: 'member' })).toBeErrorAnswer(404);
    expect(await addMember(admin, 'team-1', { email: stranger.email, role: 'member' })).toBeErrorAnswer(404);
    expect(await addMember(admin, teamId, { email: anEmail('ghost'), role: 'member' })).toBeErrorAnswer(404);
  });

  it.each<[string, Record<string, unknown>]>([
    ['email', { email: 'nope', role: 'member' }],
    ['role', { email: 'x@example.com', role: 'owner' }],
    ['role', { email: 'x@example.com' }],
    ['userId', { email: 'x@example.com', role: 'member', userId: randomUUID() }],
  ])('answers 400 naming %s for %j', async (field, body) => {
    const admin = await sut.register();

    expect(await addMember(admin, await aTeam(admin), body)).toBeValidationErrorFor(field);
  });

  it('answers 409 when the last admin demotes itself while others remain', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    expect(await addMember(admin, teamId, { email: admin.email, role: 'member' })).toBeErrorAnswer(409);
    expect((await teamsOf(admin))[0].role).toBe('admin');
  });
});

describe('DELETE /api/teams/:id/members/:userId', () => {
  it("lets an admin remove a member: 204; the member loses the team's tasks but keeps its own", async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);
    const adminsTask = await sut.createTask(admin, aTask({ teamId }));
    const membersTask = await sut.createTask(member, aTask({ teamId }));

    const answer = await removeMember(admin, teamId, member.id);

    expect(answer).toHaveStatus(204);
    expect(answer.body).toBeNull();
    expect(await teamsOf(member)).toEqual([]);
    expect(await sut.request('GET', `/api/tasks/${adminsTask.id}`, { token: member.token })).toBeErrorAnswer(404);
    expect((await sut.request('GET', `/api/tasks/${membersTask.id}`, { token: member.token })).body).toMatchObject({
      teamId,
      permission: 'owner',
    });
    expect((await sut.request('GET', `/api/tasks/${membersTask.id}`, { token: admin.token })).body.permission).toBe('team');
  });

  it('lets a member leave: 204', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    expect(await removeMember(member, teamId, member.id)).toHaveStatus(204);

    expect(await teamsOf(member)).toEqual([]);
    expect((await teamsOf(admin))[0].members).toEqual([memberView(admin, 'admin')]);
  });

  it('answers 403 when a plain member removes someone else', async () => {
    const [admin, member, other] = [await sut.register(), await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member, other);

    expect(await removeMember(member, teamId, other.id)).toBeErrorAnswer(403);
    expect(await removeMember(member, teamId, admin.id)).toBeErrorAnswer(403);
    expect((await teamsOf(admin))[0].members).toHaveLength(3);
  });

  it('answers 409 when the last admin leaves while others remain; once another admin exists it may leave', async () => {
    const [admin, member] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    expect(await removeMember(admin, teamId, admin.id)).toBeErrorAnswer(409);
    await sut.addMember(admin, teamId, member, 'admin');

    expect(await removeMember(admin, teamId, admin.id)).toHaveStatus(204);
    expect((await teamsOf(member))[0]).toMatchObject({ role: 'admin', members: [memberView(member, 'admin')] });
  });

  it('lets an admin remove another admin', async () => {
    const [admin, second] = [await sut.register(), await sut.register()];
    const teamId = await aTeam(admin);
    await sut.addMember(admin, teamId, second, 'admin');

    expect(await removeMember(second, teamId, admin.id)).toHaveStatus(204);

    expect(await teamsOf(admin)).toEqual([]);
  });

  it('lets the last admin leave when nobody else is left', async () => {
    const admin = await sut.register();
    const teamId = await aTeam(admin);

    expect(await removeMember(admin, teamId, admin.id)).toHaveStatus(204);

    expect(await teamsOf(admin)).toEqual([]);
  });

  it('answers 404 to a non-member, for someone not in the team, and for malformed ids', async () => {
    const [admin, member, stranger] = [await sut.register(), await sut.register(), await sut.register()];
    const teamId = await aTeam(admin, member);

    expect(await removeMember(stranger, teamId, member.id)).toBeErrorAnswer(404);
    expect(await removeMember(stranger, teamId, stranger.id)).toBeErrorAnswer(404);
    expect(await removeMember(admin, teamId, stranger.id)).toBeErrorAnswer(404);
    expect(await removeMember(admin, 'nope', member.id)).toBeErrorAnswer(404);
    expect(await removeMember(admin, teamId, 'nope')).toBeErrorAnswer(404);
    expect((await teamsOf(admin))[0].members).toHaveLength(2);
  });
});
