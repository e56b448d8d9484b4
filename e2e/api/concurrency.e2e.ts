/**
 * 10 users with overlapping audiences (shares, two teams) fire 300 mutations at once. Then the event log is read
 * from the database itself: seq is exactly 1..N, every successful mutation left exactly one event and every refused
 * one none, and every event's recipients equal the audience before ∪ after, as replayed by an independent model.
 */
import type { TaskDto } from '@taskpulse/contract';
import { Api, HttpAnswer, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { aTask } from '../support/builders';
import { EventLogContents, readEventLog } from './helpers/event-log-reader';
import { seededRandom } from '../support/prng';
import { AudienceModel, type ShareChange, testDatabase } from '@taskpulse/test-support';

type Kind =
  'createTeam' | 'addMember' | 'removeMember' | 'create' | 'update' | 'status' | 'reteam' | 'share' | 'unshare' | 'leave' | 'delete';

interface Mutation {
  mutationId: string;
  kind: Kind;
  actor: TestUser;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  /** The share a share/unshare/leave request changes, for the model. */
  share?: ShareChange;
  answer?: HttpAnswer;
}

const allowedStatuses: Record<Kind, number[]> = {
  createTeam: [201],
  addMember: [201],
  removeMember: [204],
  create: [201, 404],
  update: [200, 403, 404],
  status: [200, 403, 404],
  reteam: [200, 403, 404],
  share: [201, 404],
  unshare: [204, 404],
  leave: [204, 404],
  delete: [204, 403, 404],
};

const eventTypes: Record<Kind, string[]> = {
  createTeam: ['team_member_added'],
  addMember: ['team_member_added'],
  removeMember: ['team_member_removed'],
  create: ['task_created'],
  update: ['task_updated'],
  status: ['task_completed', 'task_reopened', 'task_updated'],
  reteam: ['task_updated'],
  share: ['task_shared'],
  unshare: ['task_unshared'],
  leave: ['task_unshared'],
  delete: ['task_deleted'],
};

const seed = Number(process.env.CONCURRENCY_SEED ?? 20260207);
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

let server: RunningServer;
let sut: Api;
const mutations: Mutation[] = [];
let users: TestUser[];

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

async function run(mutation: Omit<Mutation, 'mutationId'>): Promise<Mutation> {
  const recorded: Mutation = { ...mutation, mutationId: `cc-${mutations.length + 1}` };
  mutations.push(recorded);
  recorded.answer = await sut.request(recorded.method, recorded.path, {
    token: recorded.actor.token,
    body: recorded.body,
    headers: { 'x-mutation-id': recorded.mutationId },
  });
  return recorded;
}

async function runOrFail(mutation: Omit<Mutation, 'mutationId'>): Promise<HttpAnswer> {
  const { answer } = await run(mutation);
  if (!answer || answer.status >= 300) throw new Error(`setup ${mutation.kind} failed: ${answer?.status} ${JSON.stringify(answer?.body)}`);
  return answer;
}

it('keeps the event log gapless and every audience exact under 300 concurrent mutations', async () => {
  users = [];
  for (let i = 0; i < 10; i += 1) users.push(await sut.register({ name: `u${i}` }));
  const u = users;

  // Teams: T1 = u0 (admin), u1 (admin), u2..u5; T2 = u5 (admin), u6..u9, u0. u0 and u5 are in both.
  const t1 = (await runOrFail({ kind: 'createTeam', actor: u[0], method: 'POST', path: '/api/teams', body: { name: 'T1' } })).body
    .id as string;
  const t2 = (await runOrFail({ kind: 'createTeam', actor: u[5], method: 'POST', path: '/api/teams', body: { name: 'T2' } })).body
    .id as string;
  const join = (admin: TestUser, team: string, member: TestUser, role: 'member' | 'admin') =>
    runOrFail({ kind: 'addMember', actor: admin, method: 'POST', path: `/api/teams/${team}/members`, body: { email: member.email, role } });
  await join(u[0], t1, u[1], 'admin');
  for (const member of u.slice(2, 6)) await join(u[0], t1, member, 'member');
  for (const member of [...u.slice(6, 10), u[0]]) await join(u[5], t2, member, 'member');
  const teamsOf = (user: TestUser) => [...(u.indexOf(user) <= 5 ? [t1] : []), ...(u.indexOf(user) >= 5 || user === u[0] ? [t2] : [])];

  // 5 tasks per user, some in their teams, and 2 shares each.
  const tasks: { id: string; owner: TestUser }[] = [];
  for (const owner of u) {
    for (let i = 0; i < 5; i += 1) {
      const teamId = i % 2 === 0 ? null : pick(teamsOf(owner));
      const task = await runOrFail({ kind: 'create', actor: owner, method: 'POST', path: '/api/tasks', body: aTask({ teamId }) });
      tasks.push({ id: task.body.id, owner });
    }
  }
  const shareMutation = (owner: TestUser, taskId: string, target: TestUser, permission: 'view' | 'edit'): Omit<Mutation, 'mutationId'> => ({
    kind: 'share',
    actor: owner,
    method: 'POST',
    path: `/api/tasks/${taskId}/shares`,
    body: { email: target.email, permission },
    share: { userId: target.id, permission },
  });
  for (const owner of u) {
    for (const task of tasks.filter((t) => t.owner === owner).slice(0, 2)) {
      await runOrFail(shareMutation(owner, task.id, pick(u.filter((x) => x !== owner)), pick(['view', 'edit'] as const)));
    }
  }

  // The concurrent burst: 300 mutations of every kind, in a seeded random order.
  const planned: Omit<Mutation, 'mutationId'>[] = [];
  const plan = (count: number, make: () => Omit<Mutation, 'mutationId'>) => {
    for (let i = 0; i < count; i += 1) planned.push(make());
  };
  let titles = 0;
  const title = () => `burst ${(titles += 1)}`;
  plan(90, () => {
    const actor = pick(u);
    return { kind: 'create', actor, method: 'POST', path: '/api/tasks', body: aTask({ teamId: pick([null, ...teamsOf(actor)]) }) };
  });
  plan(60, () => ({ kind: 'update', actor: pick(u), method: 'PATCH', path: `/api/tasks/${pick(tasks).id}`, body: { title: title() } }));
  plan(45, () => ({
    kind: 'status',
    actor: pick(u),
    method: 'PATCH',
    path: `/api/tasks/${pick(tasks).id}`,
    body: { status: pick(['completed', 'pending']), title: title() },
  }));
  plan(11, () => ({
    kind: 'reteam',
    actor: pick(u),
    method: 'PATCH',
    path: `/api/tasks/${pick(tasks).id}`,
    body: { teamId: pick([null, t1, t2]), title: title() },
  }));
  plan(40, () => {
    const task = pick(tasks);
    return shareMutation(task.owner, task.id, pick(u.filter((x) => x !== task.owner)), pick(['view', 'edit'] as const));
  });
  plan(20, () => {
    const task = pick(tasks);
    const target = pick(u.filter((x) => x !== task.owner));
    const path = `/api/tasks/${task.id}/shares/${target.id}`;
    return { kind: 'unshare', actor: task.owner, method: 'DELETE', path, share: { userId: target.id, permission: null } };
  });
  plan(5, () => {
    const actor = pick(u);
    const path = `/api/tasks/${pick(tasks).id}/shares/${actor.id}`;
    return { kind: 'leave', actor, method: 'DELETE', path, share: { userId: actor.id, permission: null } };
  });
  plan(25, () => ({ kind: 'delete', actor: pick(u), method: 'DELETE', path: `/api/tasks/${pick(tasks).id}` }));
  // Membership changes that race with the task mutations; each pair is touched once, so none is a no-op.
  planned.push(
    { kind: 'removeMember', actor: u[0], method: 'DELETE', path: `/api/teams/${t1}/members/${u[3].id}` },
    { kind: 'addMember', actor: u[1], method: 'POST', path: `/api/teams/${t1}/members`, body: { email: u[7].email, role: 'member' } },
    { kind: 'removeMember', actor: u[5], method: 'DELETE', path: `/api/teams/${t2}/members/${u[9].id}` },
    { kind: 'addMember', actor: u[5], method: 'POST', path: `/api/teams/${t2}/members`, body: { email: u[2].email, role: 'admin' } },
  );
  for (let i = planned.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [planned[i], planned[j]] = [planned[j], planned[i]];
  }
  expect(planned).toHaveLength(300);

  const burst = await Promise.all(planned.map((mutation) => run(mutation)));

  const unexpected = burst.filter((m) => !allowedStatuses[m.kind].includes(m.answer?.status ?? 0));
  expect(unexpected.map((m) => `${m.kind} ${m.method} ${m.path}: ${m.answer?.status} ${JSON.stringify(m.answer?.body)}`)).toEqual([]);
  const visibleNow = new Map<string, Map<string, string>>();
  const seqSeen = new Set<number>();
  for (const user of u) {
    const { items, seq } = await sut.allTasks(user);
    visibleNow.set(user.id, new Map(items.map((task) => [task.id, task.permission])));
    seqSeen.add(seq);
  }

  await server.stop();
  const log = await readEventLog(server);

  const succeeded = mutations.filter((m) => (m.answer?.status ?? 500) < 300);
  // Part 2: a new share or membership also notifies the one it concerns, in the same transaction and to them only.
  const notices = expectNotificationsToTheirUserOnly(log);
  expectGaplessLog(log, succeeded.length + notices.length);
  expect([...seqSeen]).toEqual([log.head]);
  const changes = withoutEvents(log, notices);
  expectOneEventPerSuccess(changes);
  const checkedRows = expectRecipientsMatchTheModel(changes, visibleNow);
  console.log(
    `[${testDatabase}] seed ${seed}: N = ${log.events.length} events (${burst.filter((m) => (m.answer?.status ?? 500) < 300).length} of 300 ` +
      `concurrent mutations succeeded), ${checkedRows} recipient rows checked`,
  );
}, 90_000);

const canonical = (value: object | null | undefined) =>
  JSON.stringify(value && Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

function expectGaplessLog(log: EventLogContents, successes: number): void {
  const seqs = log.events.map((event) => event.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  expect(log.head).toBe(seqs.length);
  expect(seqs.length).toBe(successes);
  const recipientSeqs = new Set(log.recipients.map((r) => r.seq));
  expect([...recipientSeqs].every((seq) => seq >= 1 && seq <= seqs.length)).toBe(true);
}

/** The notification events, each addressed to exactly one user: the one a share or membership of its request concerns. */
function expectNotificationsToTheirUserOnly(log: EventLogContents): number[] {
  const notices = log.events.filter((event) => event.type === 'notification_created');
  const problems: string[] = [];
  for (const event of notices) {
    const rows = log.recipients.filter((r) => r.seq === event.seq);
    const mutation = mutations.find((m) => m.mutationId === event.mutationId);
    const concerned =
      mutation?.share?.userId ?? users.find((user) => mutation?.kind === 'addMember' && user.email === mutation.body?.email)?.id;
    if (rows.length !== 1 || rows[0].userId !== concerned)
      problems.push(`seq ${event.seq} (${event.mutationId}) went to ${JSON.stringify(rows)}`);
  }
  expect(problems).toEqual([]);
  return notices.map((event) => event.seq);
}

function withoutEvents(log: EventLogContents, seqs: number[]): EventLogContents {
  const skip = new Set(seqs);
  return { ...log, events: log.events.filter((e) => !skip.has(e.seq)), recipients: log.recipients.filter((r) => !skip.has(r.seq)) };
}

function expectOneEventPerSuccess(log: EventLogContents): void {
  const byMutation = new Map<string, typeof log.events>();
  for (const event of log.events) byMutation.set(String(event.mutationId), [...(byMutation.get(String(event.mutationId)) ?? []), event]);
  const problems: string[] = [];
  for (const mutation of mutations) {
    const events = byMutation.get(mutation.mutationId) ?? [];
    byMutation.delete(mutation.mutationId);
    const status = mutation.answer?.status ?? 0;
    if (status >= 300) {
      if (events.length > 0)
        problems.push(`${mutation.mutationId} ${mutation.kind} answered ${status} but logged ${events.length} event(s)`);
      continue;
    }
    if (events.length !== 1) {
      problems.push(`${mutation.mutationId} ${mutation.kind} answered ${status} and logged ${events.length} events`);
      continue;
    }
    const [event] = events;
    if (!eventTypes[mutation.kind].includes(event.type)) problems.push(`${mutation.mutationId} ${mutation.kind} logged ${event.type}`);
    if (event.actorId !== mutation.actor.id) problems.push(`${mutation.mutationId}: actor ${event.actorId}`);
    const answered = mutation.answer?.body as TaskDto | undefined;
    if (['create', 'update', 'status', 'reteam'].includes(mutation.kind) && answered) {
      const { permission: _permission, ...snapshot } = answered;
      if (canonical(event.payload.task) !== canonical(snapshot)) {
        problems.push(
          `${mutation.mutationId}: logged snapshot ${JSON.stringify(event.payload.task)} but answered ${JSON.stringify(snapshot)}`,
        );
      }
    }
  }
  for (const [mutationId, events] of byMutation) problems.push(`${events.length} event(s) with unknown mutation id ${mutationId}`);
  expect(problems).toEqual([]);
}

/** Replays the log into the model; every event's recipient rows must equal the model's before ∪ after. */
function expectRecipientsMatchTheModel(log: EventLogContents, visibleNow: Map<string, Map<string, string>>): number {
  const model = new AudienceModel();
  const shareOf = new Map(mutations.filter((m) => m.share).map((m) => [m.mutationId, m.share as ShareChange]));
  const rowsBySeq = new Map<number, string[]>();
  for (const row of log.recipients) rowsBySeq.set(row.seq, [...(rowsBySeq.get(row.seq) ?? []), `${row.userId}:${row.permission}`]);
  const names = new Map(users.map((user, i) => [user.id, `u${i}`]));
  const readable = (rows: string[]) => rows.map((row) => row.replace(/^[^:]+/, (id) => names.get(id) ?? id)).sort();
  const problems: string[] = [];
  let checked = 0;
  for (const event of log.events) {
    const expected = [...model.replay(event, shareOf.get(String(event.mutationId)) ?? null)].map(
      ([userId, permission]) => `${userId}:${permission}`,
    );
    const actual = rowsBySeq.get(event.seq) ?? [];
    checked += actual.length;
    if (JSON.stringify(readable(actual)) !== JSON.stringify(readable(expected))) {
      problems.push(`seq ${event.seq} ${event.type} (${event.mutationId}): recipients ${readable(actual)}, expected ${readable(expected)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(checked).toBe(log.recipients.length);

  // The replayed model must also agree with what REST showed each user at the end.
  for (const user of users) {
    const expected = new Map<string, string>();
    for (const taskId of model.tasks.keys()) {
      const permission = model.audienceOf(taskId).get(user.id);
      if (permission) expected.set(taskId, permission);
    }
    expect(Object.fromEntries(visibleNow.get(user.id) ?? [])).toEqual(Object.fromEntries(expected));
  }
  return checked;
}
