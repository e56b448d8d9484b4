/** Part 2 history (field-level, whole life, not cut by retention) and activity (what the caller received, newest first). */
import type { HistoryEntry, LoggedServerMessage } from '@taskpulse/contract';
import { Api } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';

let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

describe('GET /api/tasks/:id/history', () => {
  let pruning: RunningServer;
  let sut: Api;
  beforeAll(async () => {
    // Events older than a second are pruned every second: history must outlive them.
    pruning = await startServer({ env: { EVENT_RETENTION: '1s', EVENT_PRUNE_INTERVAL: '1s' } });
    sut = new Api(pruning.url);
  });
  afterAll(() => pruning?.dispose());

  it('records every field change with its actor, oldest first, for whoever sees the task, past event retention', async () => {
    const [owner, editor, stranger] = [await sut.register(), await sut.register(), await sut.register()];
    const task = await sut.createTask(owner, { title: 'Draft', priority: 'low' });
    await sut.share(owner, task.id, editor, 'edit');
    await sut.request('PATCH', `/api/tasks/${task.id}`, { token: editor.token, body: { title: 'Final', priority: 'high' } });
    await sut.request('PATCH', `/api/tasks/${task.id}`, {
      token: owner.token,
      body: { status: 'in_progress', labels: ['ui'], assigneeIds: [editor.id] },
    });
    await sut.request('PATCH', `/api/tasks/${task.id}`, { token: owner.token, body: { status: 'completed' } });
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const answer = await sut.request('GET', `/api/tasks/${task.id}/history`, { token: editor.token });
    expect(answer).toHaveStatus(200);
    const history = answer.body as HistoryEntry[];
    expect(history.map((h) => h.type)).toEqual(['task_created', 'task_updated', 'task_updated', 'task_completed']);
    expect(history[0]).toMatchObject({
      actor: { id: owner.id, name: owner.name },
      changes: { title: [null, 'Draft'], priority: [null, 'low'] },
    });
    expect(history[1]).toEqual({
      seq: expect.any(Number),
      at: expect.any(String),
      actor: { id: editor.id, name: editor.name },
      type: 'task_updated',
      changes: { title: ['Draft', 'Final'], priority: ['low', 'high'] },
    });
    expect(history[2].changes).toEqual({ status: ['pending', 'in_progress'], labels: [[], ['ui']], assigneeIds: [[], [editor.id]] });
    expect(history[3].changes).toEqual({ status: ['in_progress', 'completed'] });
    expect(history.map((h) => h.seq)).toEqual([...history.map((h) => h.seq)].sort((a, b) => a - b));

    expect(await sut.request('GET', `/api/tasks/${task.id}/history`, { token: stranger.token })).toHaveStatus(404);
    expect((await sut.request('GET', '/api/activity', { token: editor.token })).body.items).toEqual([]);
  });
});

describe('GET /api/activity', () => {
  it('answers the events the caller received, newest first, as the socket sends them, paged by before', async () => {
    const [owner, member, outsider] = [await sut.register(), await sut.register(), await sut.register()];
    const team = await sut.createTeam(owner);
    await sut.addMember(owner, team.id, member);
    const task = await sut.createTask(owner, { teamId: team.id }, 'act-create');
    await sut.request('PATCH', `/api/tasks/${task.id}`, {
      token: member.token,
      body: { title: 'Renamed' },
      headers: { 'x-mutation-id': 'act-edit' },
    });
    await sut.request('POST', `/api/tasks/${task.id}/comments`, {
      token: owner.token,
      body: { body: 'hi' },
      headers: { 'x-mutation-id': 'act-comment' },
    });
    await sut.createTask(outsider, {}, 'act-outside');

    const answer = await sut.request('GET', '/api/activity?limit=50', { token: member.token });
    expect(answer).toHaveStatus(200);
    const items = answer.body.items as LoggedServerMessage[];
    // As on the socket: the mutation id only on the caller's own changes.
    expect(items.map((m) => [m.event_type, m.data.mutation_id ?? null])).toEqual([
      ['comment_added', null],
      ['task_updated', 'act-edit'],
      ['task_created', null],
      ['notification_created', null],
      ['team_member_added', null],
    ]);
    expect(items[1]).toMatchObject({
      seq: expect.any(Number),
      data: { task: { title: 'Renamed', permission: 'team' }, actor: { id: member.id, name: member.name } },
    });
    expect(answer.body.next_before).toBeNull();

    const first = await sut.request('GET', '/api/activity?limit=2', { token: member.token });
    expect(first.body.items.map((m: LoggedServerMessage) => m.seq)).toEqual(items.slice(0, 2).map((m) => m.seq));
    expect(first.body.next_before).toBe(items[1].seq);
    const second = await sut.request('GET', `/api/activity?limit=2&before=${first.body.next_before}`, { token: member.token });
    expect(second.body.items.map((m: LoggedServerMessage) => m.seq)).toEqual(items.slice(2, 4).map((m) => m.seq));
    for (const query of ['limit=0', 'limit=201', 'before=x', 'before=0']) {
      expect(await sut.request('GET', `/api/activity?${query}`, { token: member.token })).toHaveStatus(400);
    }
    expect(await sut.request('GET', '/api/activity')).toHaveStatus(401);
  });
});
