/** Moving a task between teams: an admin who does not own the task cannot take it away from its owner. */
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

let server: RunningServer;
let api: Api;
let owner: TestUser;
let admin: TestUser;
let shared: { id: string };
let ownersOther: { id: string };
let adminsOwn: { id: string };

beforeAll(async () => {
  server = await startServer();
  api = new Api(server.url);
  [owner, admin] = await Promise.all([api.register({ name: 'Owner' }), api.register({ name: 'Admin' })]);
  // `shared`: the admin runs it, the owner is a member. `ownersOther`: both are in it. `adminsOwn`: the owner is not.
  shared = await api.createTeam(admin, 'Shared');
  await api.addMember(admin, shared.id, owner);
  ownersOther = await api.createTeam(owner, 'Owner and admin');
  await api.addMember(owner, ownersOther.id, admin, 'admin');
  adminsOwn = await api.createTeam(admin, 'Admin only');
});
afterAll(() => server?.dispose());

const move = (as: TestUser, taskId: string, teamId: string | null) =>
  api.request('PATCH', `/api/tasks/${taskId}`, { token: as.token, body: { teamId } });

describe('re-teaming by a team admin who does not own the task', () => {
  it("refuses a team the owner is not in (403), and the task stays where it was, still the owner's", async () => {
    const task = await api.createTask(owner, { teamId: shared.id });

    expect(await move(admin, task.id, adminsOwn.id)).toBeErrorAnswer(403, /owner/);

    const seen = await api.request('GET', `/api/tasks/${task.id}`, { token: owner.token });
    expect(seen.body).toMatchObject({ teamId: shared.id, ownerId: owner.id, version: 1 });
  });

  it('allows no team, or a team the owner belongs to', async () => {
    const task = await api.createTask(owner, { teamId: shared.id });

    expect(await move(admin, task.id, ownersOther.id)).toHaveStatus(200);
    const out = await move(admin, task.id, null);
    expect(out).toHaveStatus(200);
    expect(out.body).toMatchObject({ teamId: null });
    expect((await api.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).body).toMatchObject({ teamId: null, version: 3 });
  });

  it('leaves the owner free to move the task into any team of their own', async () => {
    const task = await api.createTask(owner, { teamId: shared.id });

    expect(await move(owner, task.id, ownersOther.id)).toHaveStatus(200);
    expect(await move(owner, task.id, adminsOwn.id)).toBeErrorAnswer(404, /Team not found/);
  });
});
