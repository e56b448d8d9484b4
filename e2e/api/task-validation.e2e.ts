/** Input checks of the task endpoints: every 400 names its field, unknown fields are refused, bodies are bounded. */
import { randomUUID } from 'node:crypto';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { logHead, repeat } from './helpers/builders';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;
let owner: TestUser;
let taskId: string;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  owner = await sut.register();
  taskId = (await sut.createTask(owner, aTask())).id;
});
afterAll(() => server?.dispose());

const create = (body: Record<string, unknown>) => sut.request('POST', '/api/tasks', { token: owner.token, body });
const patch = (body: Record<string, unknown>) => sut.request('PATCH', `/api/tasks/${taskId}`, { token: owner.token, body });

describe('POST /api/tasks input', () => {
  it.each<[string, Record<string, unknown>]>([
    ['title', { title: repeat(201) }],
    ['title', { title: '' }],
    ['title', { title: '   ' }],
    ['title', { title: undefined }],
    ['title', { title: 42 }],
    ['description', { description: repeat(10_001) }],
    ['description', { description: 7 }],
    ['priority', { priority: 'urgent' }],
    ['priority', { priority: 'HIGH' }],
    ['dueDate', { dueDate: 'tomorrow' }],
    ['dueDate', { dueDate: '2026-02-30' }],
    ['dueDate', { dueDate: '2026-13-01' }],
    ['dueDate', { dueDate: 1767225600000 }],
    ['dueDate', { dueDate: '2026-W05-4' }],
    ['dueDate', { dueDate: '2026-038' }],
    ['dueDate', { dueDate: '20260207' }],
    ['id', { id: 'client-id-1' }],
    ['teamId', { teamId: 'team-1' }],
    ['status', { status: 'completed' }],
    ['ownerId', { ownerId: randomUUID() }],
    ['version', { version: 3 }],
    ['unknownField', { unknownField: true }],
  ])('answers 400 naming %s for %j, and creates nothing', async (field, overrides) => {
    const head = await logHead(sut, owner);

    const answer = await create({ ...aTask(), ...overrides });

    expect(answer).toBeValidationErrorFor(field);
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('names every bad field at once', async () => {
    const answer = await create({ title: '', priority: 'urgent', dueDate: 'soon' });

    for (const field of ['title', 'priority', 'dueDate']) expect(answer).toBeValidationErrorFor(field);
  });

  it('answers 400 for a body that is not an object', async () => {
    expect(await sut.request('POST', '/api/tasks', { token: owner.token, rawBody: '"just a string"' })).toBeErrorAnswer(400);
    expect(await sut.request('POST', '/api/tasks', { token: owner.token, rawBody: '[1, 2]' })).toBeErrorAnswer(400);
    expect(await sut.request('POST', '/api/tasks', { token: owner.token })).toBeErrorAnswer(400);
  });

  it('answers 404 for a teamId of a team the caller does not belong to', async () => {
    const other = await sut.register();
    const team = await sut.createTeam(other);

    expect(await create(aTask({ teamId: team.id }))).toBeErrorAnswer(404);
    expect(await create(aTask({ teamId: randomUUID() }))).toBeErrorAnswer(404);
  });
});

describe('PATCH /api/tasks/:id input', () => {
  it.each<[string, Record<string, unknown>]>([
    ['title', { title: repeat(201) }],
    ['title', { title: '  ' }],
    ['title', { title: null }],
    ['description', { description: repeat(10_001) }],
    ['description', { description: null }],
    ['priority', { priority: 'none' }],
    ['priority', { priority: null }],
    ['status', { status: 'done' }],
    ['status', { status: null }],
    ['dueDate', { dueDate: 'next week' }],
    ['dueDate', { dueDate: '2026-W05' }],
    ['teamId', { teamId: 'not-a-team' }],
    ['version', { version: 0 }],
    ['version', { version: '2' }],
    ['version', { version: 1.5 }],
    ['version', { version: null }],
    ['ownerId', { ownerId: randomUUID() }],
    ['permission', { permission: 'owner' }],
    ['completedAt', { completedAt: '2026-01-01T00:00:00.000Z' }],
    ['id', { id: randomUUID() }],
  ])('answers 400 naming %s for %j, and changes nothing', async (field, body) => {
    const before = await sut.request('GET', `/api/tasks/${taskId}`, { token: owner.token });

    const answer = await patch(body);

    expect(answer).toBeValidationErrorFor(field);
    expect((await sut.request('GET', `/api/tasks/${taskId}`, { token: owner.token })).body).toEqual(before.body);
  });
});

describe('GET /api/tasks query', () => {
  it.each([
    ['scope', 'scope=everything'],
    ['status', 'status=done'],
    ['teamId', 'teamId=abc'],
    ['limit', 'limit=0'],
    ['limit', 'limit=201'],
    ['limit', 'limit=ten'],
    ['limit', 'limit=2.5'],
    ['q', `q=${repeat(201)}`],
    ['cursor', 'cursor=bm90IGEgY3Vyc29y'],
    ['cursor', 'cursor=%25%25%25'],
    ['cursor', `cursor=${Buffer.from(`2026-01-01T00:00:00.000Z|${randomUUID()}|extra`).toString('base64url')}`],
    ['cursor', `cursor=${Buffer.from(`yesterday|${randomUUID()}`).toString('base64url')}`],
    ['sort', 'sort=title'],
  ])('answers 400 naming %s for ?%s', async (field, query) => {
    expect(await sut.request('GET', `/api/tasks?${query}`, { token: owner.token })).toBeValidationErrorFor(field);
  });
});

describe('bodies and headers', () => {
  it('answers malformed JSON with 400 and a message that does not come from the parser', async () => {
    const answer = await sut.request('POST', '/api/tasks', { token: owner.token, rawBody: '{"title": "unterminated' });

    expect(answer).toBeErrorAnswer(400);
    expect(answer.body.message).not.toMatch(/position|token|JSON\.parse|Unexpected/i);
  });

  it('answers a body over 64 KiB with 413, before validation, and creates nothing', async () => {
    const head = await logHead(sut, owner);

    const answer = await create({ title: 'big', description: repeat(65 * 1024) });

    expect(answer).toBeErrorAnswer(413);
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('parses a body just under 64 KiB and answers about its content, not its size', async () => {
    const answer = await create({ title: 'padded', description: repeat(10_000), padding: repeat(50_000) });

    expect(answer).toBeValidationErrorFor('padding');
  });

  it.each([
    ['POST /api/tasks', () => ['POST', '/api/tasks', aTask()] as const],
    ['PATCH /api/tasks/:id', () => ['PATCH', `/api/tasks/${taskId}`, { title: 'x' }] as const],
    ['DELETE /api/tasks/:id', () => ['DELETE', `/api/tasks/${taskId}`, undefined] as const],
    ['POST /api/teams', () => ['POST', '/api/teams', { name: 'Team' }] as const],
  ])('answers 400 on %s for an X-Mutation-Id longer than 64 characters, and changes nothing', async (_, request) => {
    const [method, path, body] = request();
    const head = await logHead(sut, owner);

    const answer = await sut.request(method, path, { token: owner.token, body, headers: { 'x-mutation-id': repeat(65, 'm') } });

    expect(answer).toBeErrorAnswer(400, /X-Mutation-Id/);
    expect(await logHead(sut, owner)).toBe(head);
  });

  it('accepts an X-Mutation-Id of exactly 64 characters', async () => {
    const answer = await sut.request('POST', '/api/tasks', {
      token: owner.token,
      body: aTask(),
      headers: { 'x-mutation-id': repeat(64, 'm') },
    });

    expect(answer).toHaveStatus(201);
  });
});
