/** GET /api/tasks: scopes, filters, search and keyset pagination over one prepared set of tasks. */
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;

/**
 * `me` owns mine1 (pending), mine2 (completed), mineInTeam (in team A); `other` owns sharedView, sharedEdit (shared
 * with me), teamA1 and teamA2 (team A, where both are members), teamB1 (team B, where only `other` is) and
 * privateTask. Team A's task sharedAndTeam is also shared with me.
 */
let me: TestUser;
let other: TestUser;
const t: Record<string, TaskDto> = {};
let teamA: string;
let teamB: string;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  [me, other] = [await sut.register(), await sut.register()];
  teamA = (await sut.createTeam(other, 'Team A')).id;
  teamB = (await sut.createTeam(other, 'Team B')).id;
  await sut.addMember(other, teamA, me);
  t.mine1 = await sut.createTask(me, aTask({ title: 'Buy OAT milk', description: 'the barista edition' }));
  t.mine2 = await sut.createTask(me, aTask({ title: 'File 100% of the receipts' }));
  t.mineInTeam = await sut.createTask(me, aTask({ title: 'snake_case the config', teamId: teamA }));
  t.sharedView = await sut.createTask(other, aTask({ title: 'Read the C:\\ manual' }));
  t.sharedEdit = await sut.createTask(other, aTask({ description: 'Mentions Oatly in the description' }));
  t.teamA1 = await sut.createTask(other, aTask({ teamId: teamA }));
  t.teamA2 = await sut.createTask(other, aTask({ teamId: teamA }));
  t.sharedAndTeam = await sut.createTask(other, aTask({ teamId: teamA }));
  t.teamB1 = await sut.createTask(other, aTask({ teamId: teamB }));
  t.privateTask = await sut.createTask(other, aTask({ title: 'oat private' }));
  await sut.share(other, t.sharedView.id, me, 'view');
  await sut.share(other, t.sharedEdit.id, me, 'edit');
  await sut.share(other, t.sharedAndTeam.id, me, 'view');
  await sut.request('PATCH', `/api/tasks/${t.mine2.id}`, { token: me.token, body: { status: 'completed' } });
  await sut.request('PATCH', `/api/tasks/${t.teamA2.id}`, { token: other.token, body: { status: 'completed' } });
});
afterAll(() => server?.dispose());

async function list(query: string, user = me): Promise<TaskDto[]> {
  const answer = await sut.request('GET', `/api/tasks${query}`, { token: user.token });
  expect(answer).toHaveStatus(200);
  return answer.body.items;
}
const names = (items: TaskDto[]) => items.map((item) => Object.keys(t).find((key) => t[key].id === item.id) ?? item.id).sort();

describe('scopes', () => {
  it('answers {items, next_cursor, seq}; scope=all (the default) is every task I can see', async () => {
    const answer = await sut.request('GET', '/api/tasks', { token: me.token });

    expect(Object.keys(answer.body).sort()).toEqual(['items', 'next_cursor', 'seq']);
    expect(answer.body.next_cursor).toBeNull();
    expect(names(answer.body.items)).toEqual(
      ['mine1', 'mine2', 'mineInTeam', 'sharedAndTeam', 'sharedEdit', 'sharedView', 'teamA1', 'teamA2'].sort(),
    );
    expect(names(await list('?scope=all'))).toEqual(names(answer.body.items));
  });

  it('gives each item the strongest reason I see it: owner > team > edit > view', async () => {
    const permissions = Object.fromEntries((await list('')).map((item) => [names([item])[0], item.permission]));

    expect(permissions).toEqual({
      mine1: 'owner',
      mine2: 'owner',
      mineInTeam: 'owner',
      sharedView: 'view',
      sharedEdit: 'edit',
      teamA1: 'team',
      teamA2: 'team',
      sharedAndTeam: 'team',
    });
  });

  it.each([
    ['mine', ['mine1', 'mine2', 'mineInTeam']],
    ['shared', ['sharedAndTeam', 'sharedEdit', 'sharedView']],
    ['team', ['mineInTeam', 'sharedAndTeam', 'teamA1', 'teamA2']],
  ])('scope=%s', async (scope, expected) => {
    expect(names(await list(`?scope=${scope}`))).toEqual([...expected].sort());
  });

  it('shows the other user its own view of the same tasks', async () => {
    expect(names(await list('?scope=mine', other))).toEqual(
      ['privateTask', 'sharedAndTeam', 'sharedEdit', 'sharedView', 'teamA1', 'teamA2', 'teamB1'].sort(),
    );
    expect(names(await list('?scope=shared', other))).toEqual([]);
  });
});

describe('filters', () => {
  it.each([
    ['?status=completed', ['mine2', 'teamA2']],
    ['?status=pending&scope=mine', ['mine1', 'mineInTeam']],
    [`?teamId=TEAM_A`, ['mineInTeam', 'sharedAndTeam', 'teamA1', 'teamA2']],
    [`?teamId=TEAM_A&scope=mine`, ['mineInTeam']],
    [`?teamId=TEAM_A&scope=shared`, ['sharedAndTeam']],
    [`?teamId=TEAM_A&status=completed`, ['teamA2']],
    [`?teamId=TEAM_B`, []],
  ])('%s', async (query, expected) => {
    const items = await list(query.replace('TEAM_A', teamA).replace('TEAM_B', teamB));

    expect(names(items)).toEqual([...expected].sort());
  });

  it.each([
    ['oat', ['mine1', 'sharedEdit']],
    ['OAT', ['mine1', 'sharedEdit']],
    ['BARISTA', ['mine1']],
    ['100%', ['mine2']],
    ['%', ['mine2']],
    ['0%', ['mine2']],
    ['_', ['mineInTeam']],
    ['e_c', ['mineInTeam']],
    ['C:\\', ['sharedView']],
    ['\\', ['sharedView']],
    ['no such words', []],
  ])('q=%s is a case-insensitive substring of title or description, with %, _ and \\ taken literally', async (q, expected) => {
    expect(names(await list(`?q=${encodeURIComponent(q)}`))).toEqual([...expected].sort());
  });

  it('combines q with scope', async () => {
    expect(names(await list('?q=oat&scope=shared'))).toEqual(['sharedEdit']);
  });
});

describe('pagination', () => {
  let pager: TestUser;
  let all: TaskDto[];

  beforeAll(async () => {
    pager = await sut.register();
    // Created concurrently so that several share a createdAt millisecond and the id tie-break is exercised.
    await Promise.all(Array.from({ length: 23 }, (_, i) => sut.createTask(pager, aTask({ title: `page item ${i}` }))));
    const answer = await sut.request('GET', '/api/tasks?limit=200', { token: pager.token });
    all = answer.body.items;
  });

  it('orders newest first: createdAt desc, then id desc', () => {
    expect(all).toHaveLength(23);
    const sorted = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
    expect(all.map((task) => task.id)).toEqual(sorted.map((task) => task.id));
  });

  it('walks every task exactly once in the same order, page by page, ending with next_cursor null', async () => {
    const seen: TaskDto[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const query: string = `/api/tasks?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await sut.request('GET', query, { token: pager.token });
      expect(answer).toHaveStatus(200);
      seen.push(...answer.body.items);
      sizes.push(answer.body.items.length);
      cursor = answer.body.next_cursor;
      if (!cursor) break;
      expect(typeof cursor).toBe('string');
    }

    expect(cursor).toBeNull();
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(seen.map((task) => task.id)).toEqual(all.map((task) => task.id));
  });

  it('gives next_cursor null when the page is exactly the rest, and a default limit of 50', async () => {
    const exact = await sut.request('GET', '/api/tasks?limit=23', { token: pager.token });
    const byDefault = await sut.request('GET', '/api/tasks', { token: pager.token });

    expect(exact.body.items).toHaveLength(23);
    expect(exact.body.next_cursor).toBeNull();
    expect(byDefault.body.items).toHaveLength(23);
  });

  it('is stable while tasks are added between pages: no duplicate and no gap among the older ones', async () => {
    const first = await sut.request('GET', '/api/tasks?limit=10', { token: pager.token });
    const added = await sut.createTask(pager, aTask({ title: 'added between pages' }));

    const rest = await sut.request('GET', `/api/tasks?limit=200&cursor=${encodeURIComponent(first.body.next_cursor)}`, {
      token: pager.token,
    });

    const ids = [...first.body.items, ...rest.body.items].map((task: TaskDto) => task.id);
    expect(ids).toEqual(all.map((task) => task.id));
    expect(ids).not.toContain(added.id);
    await sut.request('DELETE', `/api/tasks/${added.id}`, { token: pager.token });
  });

  it('keeps filters across pages', async () => {
    const titles: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const query: string = `/api/tasks?limit=3&q=item%201${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await sut.request('GET', query, { token: pager.token });
      titles.push(...answer.body.items.map((task: TaskDto) => task.title));
      cursor = answer.body.next_cursor;
      if (!cursor) break;
    }

    expect(cursor).toBeNull();
    expect(titles.sort()).toEqual(['page item 1', ...Array.from({ length: 10 }, (_, i) => `page item 1${i}`)].sort());
  });
});
