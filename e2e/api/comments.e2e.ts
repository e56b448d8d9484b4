/** Part 2 comments: routes, rights, safe retry, mentions, events to the task's audience. */
import { mutationOf } from '../realtime/helpers/events';
import { randomUUID } from 'node:crypto';
import type { CommentDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import './helpers/answers';

let server: RunningServer;
let sut: Api;
let owner: TestUser;
let viewer: TestUser;
let editor: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  [owner, viewer, editor, stranger] = [await sut.register(), await sut.register(), await sut.register(), await sut.register()];
});
afterAll(() => server?.dispose());

const path = (taskId: string, commentId?: string) => `/api/tasks/${taskId}/comments${commentId ? `/${commentId}` : ''}`;

async function sharedTask() {
  const task = await sut.createTask(owner);
  await sut.share(owner, task.id, viewer, 'view');
  await sut.share(owner, task.id, editor, 'edit');
  return task;
}

describe('comments', () => {
  it('lets anyone who sees the task comment (a view share too), and lists oldest first with a cursor', async () => {
    const task = await sharedTask();
    const first = await sut.request('POST', path(task.id), { token: viewer.token, body: { body: 'first' } });
    expect(first).toHaveStatus(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      taskId: task.id,
      authorId: viewer.id,
      authorName: viewer.name,
      body: 'first',
      mentions: [],
      createdAt: expect.any(String),
      editedAt: null,
    });
    for (const body of ['second', 'third'])
      expect(await sut.request('POST', path(task.id), { token: owner.token, body: { body } })).toHaveStatus(201);

    const page1 = await sut.request('GET', `${path(task.id)}?limit=2`, { token: editor.token });
    expect(page1).toHaveStatus(200);
    expect(page1.body.items.map((c: CommentDto) => c.body)).toEqual(['first', 'second']);
    expect(typeof page1.body.seq).toBe('number');
    const page2 = await sut.request('GET', `${path(task.id)}?limit=2&cursor=${page1.body.next_cursor}`, { token: editor.token });
    expect(page2.body).toMatchObject({ items: [{ body: 'third' }], next_cursor: null });
    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).body.commentCount).toBe(3);

    expect(await sut.request('GET', path(task.id), { token: stranger.token })).toHaveStatus(404);
    expect(await sut.request('POST', path(task.id), { token: stranger.token, body: { body: 'hi' } })).toHaveStatus(404);
  });

  it('treats a repeated client id as a safe retry (200, one comment), and another task or author reusing it as 409', async () => {
    const task = await sharedTask();
    const id = randomUUID();
    expect(await sut.request('POST', path(task.id), { token: editor.token, body: { id, body: 'once' } })).toHaveStatus(201);
    const again = await sut.request('POST', path(task.id), { token: editor.token, body: { id, body: 'once' } });
    expect(again).toHaveStatus(200);
    expect(again.body.id).toBe(id);
    expect(await sut.request('POST', path(task.id), { token: owner.token, body: { id, body: 'mine?' } })).toHaveStatus(409);
    expect((await sut.request('GET', path(task.id), { token: owner.token })).body.items).toHaveLength(1);
    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).body.commentCount).toBe(1);
  });

  it('validates the body and mentions: mentioned users must see the task', async () => {
    const task = await sharedTask();
    const bad: Array<[unknown, string]> = [
      [{ body: '' }, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
      [{}, 'body'],
      [{ body: 'x', mentions: ['nope'] }, 'mentions'],
      [{ body: 'x', mentions: [viewer.id, viewer.id] }, 'mentions'],
      [{ body: 'x', mentions: [stranger.id] }, 'mentions'],
      [{ body: 'x', extra: true }, 'extra'],
    ];
    for (const [body, field] of bad) {
      const answer = await sut.request('POST', path(task.id), { token: owner.token, body });
      expect(answer).toHaveStatus(400);
      expect(JSON.stringify(answer.body.message)).toContain(field);
    }
    const ok = await sut.request('POST', path(task.id), { token: owner.token, body: { body: 'ok', mentions: [viewer.id] } });
    expect(ok).toHaveStatus(201);

    // Someone mentioned earlier who has since lost sight of the task does not block an edit; a new mention is checked.
    expect(await sut.request('DELETE', `/api/tasks/${task.id}/shares/${viewer.id}`, { token: owner.token })).toHaveStatus(204);
    const edited = await sut.request('PATCH', path(task.id, ok.body.id), { token: owner.token, body: { body: 'still ok' } });
    expect(edited).toHaveStatus(200);
    expect(edited.body.mentions).toEqual([viewer.id]);
    const added = await sut.request('PATCH', path(task.id, ok.body.id), {
      token: owner.token,
      body: { body: 'x', mentions: [viewer.id, stranger.id] },
    });
    expect(added).toHaveStatus(400);
  });

  it('lets only the author edit; the author, the owner or a team admin delete', async () => {
    const admin = await sut.register();
    const member = await sut.register();
    const team = await sut.createTeam(admin);
    await sut.addMember(admin, team.id, member);
    await sut.addMember(admin, team.id, owner);
    const task = await sut.createTask(owner, { teamId: team.id });
    const add = async (user: TestUser) =>
      (await sut.request('POST', path(task.id), { token: user.token, body: { body: 'c' } })).body as CommentDto;
    const byMember = await add(member);

    expect(await sut.request('PATCH', path(task.id, byMember.id), { token: owner.token, body: { body: 'x' } })).toHaveStatus(403);
    const edited = await sut.request('PATCH', path(task.id, byMember.id), { token: member.token, body: { body: 'better' } });
    expect(edited).toHaveStatus(200);
    expect(edited.body).toMatchObject({ body: 'better', editedAt: expect.any(String) });

    const byOwner = await add(owner);
    expect(await sut.request('DELETE', path(task.id, byOwner.id), { token: member.token })).toHaveStatus(403);
    expect(await sut.request('DELETE', path(task.id, byMember.id), { token: owner.token })).toHaveStatus(204);
    expect(await sut.request('DELETE', path(task.id, byOwner.id), { token: admin.token })).toHaveStatus(204);
    const own = await add(member);
    expect(await sut.request('DELETE', path(task.id, own.id), { token: member.token })).toHaveStatus(204);
    expect(await sut.request('DELETE', path(task.id, own.id), { token: member.token })).toHaveStatus(404);
    expect(await sut.request('PATCH', path(task.id, randomUUID()), { token: member.token, body: { body: 'x' } })).toHaveStatus(404);
    expect((await sut.request('GET', `/api/tasks/${task.id}`, { token: owner.token })).body.commentCount).toBe(0);
  });

  it('sends comment_added / edited / deleted with the comment to the task audience, and to nobody else', async () => {
    const task = await sharedTask();
    const sockets: Record<string, SocketClient> = {};
    for (const [name, user] of Object.entries({ owner, viewer, editor, stranger }))
      sockets[name] = await connectAcked(server.wsUrl, { token: user.token });
    const send = (method: string, url: string, body: unknown, mutationId: string, user = editor) =>
      sut.request(method, url, { token: user.token, body, headers: { 'x-mutation-id': mutationId } });

    const added = (await send('POST', path(task.id), { body: 'hello' }, 'c-add')).body as CommentDto;
    await send('PATCH', path(task.id, added.id), { body: 'hello again' }, 'c-edit');
    expect(await send('DELETE', path(task.id, added.id), undefined, 'c-del')).toHaveStatus(204);

    for (const name of ['owner', 'viewer', 'editor']) {
      const socket = sockets[name];
      await socket.waitFor((m) => m.event_type === 'comment_deleted', `comment_deleted on ${name}`);
      const events = socket.messages.filter((m) => m.event_type.startsWith('comment_'));
      // The mutation id goes only to the actor's (the editor's) own copies.
      const own = (mutationId: string) => (name === 'editor' ? mutationId : null);
      expect(events.map((m) => [m.event_type, mutationOf(m) ?? null])).toEqual([
        ['comment_added', own('c-add')],
        ['comment_edited', own('c-edit')],
        ['comment_deleted', own('c-del')],
      ]);
      expect(events[0]).toMatchObject({
        seq: expect.any(Number),
        data: {
          task_id: task.id,
          comment_id: added.id,
          comment: { body: 'hello' },
          comment_count: 1,
          actor: { id: editor.id, name: editor.name },
        },
      });
      expect(events[1].data).toMatchObject({ comment: { body: 'hello again', editedAt: expect.any(String) }, comment_count: 1 });
      expect(events[2].data).toMatchObject({ comment_id: added.id, comment: null, comment_count: 0 });
    }
    await sut.createTask(stranger, {}, 'stranger-barrier');
    await sockets.stranger.waitFor((m) => mutationOf(m) === 'stranger-barrier', 'barrier');
    expect(sockets.stranger.messages.filter((m) => m.event_type.startsWith('comment_'))).toEqual([]);
    Object.values(sockets).forEach((s) => s.close());
  });
});
