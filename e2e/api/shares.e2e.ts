/** Task shares: list, share (and re-share), unshare by the owner, leaving by the recipient, and their errors. */
import { randomUUID } from 'node:crypto';
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { isoInstant } from './helpers/answers';
import { logHead } from './helpers/builders';
import { aTask, anEmail } from '../support/builders';

let server: RunningServer;
let sut: Api;
let owner: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  owner = await sut.register({ name: 'Owner' });
  alice = await sut.register({ email: anEmail('alice'), name: 'Alice' });
  bob = await sut.register({ email: anEmail('bob'), name: 'Bob' });
});
afterAll(() => server?.dispose());

const shareAs = (user: TestUser, task: TaskDto, body: Record<string, unknown>) =>
  sut.request('POST', `/api/tasks/${task.id}/shares`, { token: user.token, body });
const sharesOf = (task: TaskDto, user = owner) => sut.request('GET', `/api/tasks/${task.id}/shares`, { token: user.token });
const unshare = (user: TestUser, task: TaskDto, userId: string) =>
  sut.request('DELETE', `/api/tasks/${task.id}/shares/${userId}`, { token: user.token });
const view = (task: TaskDto, user: TestUser) => sut.request('GET', `/api/tasks/${task.id}`, { token: user.token });

describe('POST /api/tasks/:id/shares', () => {
  it('answers 201 with the share {userId, email, name, permission, sharedAt}; the recipient now sees the task', async () => {
    const task = await sut.createTask(owner, aTask());

    const answer = await shareAs(owner, task, { email: alice.email, permission: 'view' });

    expect(answer).toHaveStatus(201);
    expect(answer.body).toEqual({
      userId: alice.id,
      email: alice.email,
      name: 'Alice',
      permission: 'view',
      sharedAt: expect.stringMatching(isoInstant),
    });
    expect((await view(task, alice)).body).toEqual({ ...task, permission: 'view' });
  });

  it('finds the recipient by email in any case and with spaces around', async () => {
    const task = await sut.createTask(owner, aTask());

    const answer = await shareAs(owner, task, { email: `  ${bob.email.toUpperCase()} `, permission: 'edit' });

    expect(answer.body).toMatchObject({ userId: bob.id, permission: 'edit' });
  });

  it('updates the permission when sharing again: 201, one share, sharedAt kept, one more event', async () => {
    const task = await sut.createTask(owner, aTask());
    const first = await shareAs(owner, task, { email: alice.email, permission: 'view' });
    const head = await logHead(sut, owner);

    const again = await shareAs(owner, task, { email: alice.email, permission: 'edit' });

    expect(again).toHaveStatus(201);
    expect(again.body).toEqual({ ...first.body, permission: 'edit' });
    expect((await sharesOf(task)).body).toEqual([again.body]);
    expect((await view(task, alice)).body.permission).toBe('edit');
    expect(await logHead(sut, owner)).toBe(head + 1);
  });

  it('does not change the task itself (no version bump)', async () => {
    const task = await sut.createTask(owner, aTask());

    await sut.share(owner, task.id, alice, 'edit');

    expect((await view(task, owner)).body).toEqual(task);
  });

  it('answers 400 for sharing with yourself', async () => {
    const task = await sut.createTask(owner, aTask());

    expect(await shareAs(owner, task, { email: owner.email, permission: 'view' })).toBeValidationErrorFor('email');
  });

  it('answers 404 for an email nobody registered', async () => {
    const task = await sut.createTask(owner, aTask());

    expect(await shareAs(owner, task, { email: anEmail('ghost'), permission: 'view' })).toBeErrorAnswer(404);
  });

  it.each<[string, Record<string, unknown>]>([
    ['email', { email: 'not an email', permission: 'view' }],
    ['email', { permission: 'view' }],
    ['permission', { email: 'x@example.com', permission: 'owner' }],
    ['permission', { email: 'x@example.com', permission: 'team' }],
    ['permission', { email: 'x@example.com' }],
    ['userId', { email: 'x@example.com', permission: 'view', userId: randomUUID() }],
  ])('answers 400 naming %s for %j', async (field, body) => {
    const task = await sut.createTask(owner, aTask());

    expect(await shareAs(owner, task, body)).toBeValidationErrorFor(field);
  });

  it('answers 404 for an unknown task and for a task the caller cannot see', async () => {
    const hidden = await sut.createTask(alice, aTask());

    const unknownTask = { ...hidden, id: randomUUID() };
    expect(await shareAs(owner, unknownTask, { email: bob.email, permission: 'view' })).toBeErrorAnswer(404);
    expect(await shareAs(owner, hidden, { email: bob.email, permission: 'view' })).toBeErrorAnswer(404);
  });

  it('answers 403 when an edit share tries to share further, and 403 for a view share', async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'edit');
    await sut.share(owner, task.id, bob, 'view');
    const carol = await sut.register();

    expect(await shareAs(alice, task, { email: carol.email, permission: 'view' })).toBeErrorAnswer(403);
    expect(await shareAs(bob, task, { email: carol.email, permission: 'view' })).toBeErrorAnswer(403);
    expect(await view(task, carol)).toBeErrorAnswer(404);
  });
});

describe('GET /api/tasks/:id/shares', () => {
  it('answers [] for a task without shares and lists every share, oldest first, to everyone who can see the task', async () => {
    const task = await sut.createTask(owner, aTask());
    expect((await sharesOf(task)).body).toEqual([]);
    const toAlice = await shareAs(owner, task, { email: alice.email, permission: 'edit' });
    const toBob = await shareAs(owner, task, { email: bob.email, permission: 'view' });

    for (const user of [owner, alice, bob]) {
      const answer = await sharesOf(task, user);
      expect(answer).toHaveStatus(200);
      expect(answer.body).toEqual([toAlice.body, toBob.body]);
    }
  });

  it('answers 404 to a stranger, and for a malformed id', async () => {
    const task = await sut.createTask(owner, aTask());
    const stranger = await sut.register();

    expect(await sharesOf(task, stranger)).toBeErrorAnswer(404);
    expect(await sut.request('GET', '/api/tasks/nope/shares', { token: owner.token })).toBeErrorAnswer(404);
  });
});

describe('DELETE /api/tasks/:id/shares/:userId', () => {
  it('lets the owner revoke a share: 204, the recipient no longer sees the task, a second time is 404', async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'edit');

    const answer = await unshare(owner, task, alice.id);

    expect(answer).toHaveStatus(204);
    expect(answer.body).toBeNull();
    expect(await view(task, alice)).toBeErrorAnswer(404);
    expect((await sharesOf(task)).body).toEqual([]);
    expect(await unshare(owner, task, alice.id)).toBeErrorAnswer(404);
  });

  it('lets a recipient leave its own share, view or edit', async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'view');
    await sut.share(owner, task.id, bob, 'edit');

    expect(await unshare(alice, task, alice.id)).toHaveStatus(204);
    expect(await unshare(bob, task, bob.id)).toHaveStatus(204);

    expect(await view(task, alice)).toBeErrorAnswer(404);
    expect(await view(task, bob)).toBeErrorAnswer(404);
    expect((await sharesOf(task)).body).toEqual([]);
  });

  it("answers 403 when a recipient removes someone else's share", async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'edit');
    await sut.share(owner, task.id, bob, 'view');

    expect(await unshare(alice, task, bob.id)).toBeErrorAnswer(403);
    expect((await view(task, bob)).body.permission).toBe('view');
  });

  it('answers 404 to a stranger, for a user without a share, and for malformed ids', async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'view');
    const stranger = await sut.register();

    expect(await unshare(stranger, task, alice.id)).toBeErrorAnswer(404);
    expect(await unshare(stranger, task, stranger.id)).toBeErrorAnswer(404);
    expect(await unshare(owner, task, bob.id)).toBeErrorAnswer(404);
    expect(await unshare(owner, task, 'not-a-user')).toBeErrorAnswer(404);
    expect((await view(task, alice)).body.permission).toBe('view');
  });

  it('is gone with the task: after a delete the recipient gets 404 and the shares are 404', async () => {
    const task = await sut.createTask(owner, aTask());
    await sut.share(owner, task.id, alice, 'view');

    await sut.request('DELETE', `/api/tasks/${task.id}`, { token: owner.token });

    expect(await view(task, alice)).toBeErrorAnswer(404);
    expect(await sharesOf(task)).toBeErrorAnswer(404);
    expect(
      (await sut.request('GET', '/api/tasks?scope=shared', { token: alice.token })).body.items.map((t: TaskDto) => t.id),
    ).not.toContain(task.id);
  });
});
