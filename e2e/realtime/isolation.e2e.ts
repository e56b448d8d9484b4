import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import { type AnyServerMessage, isTaskEvent } from '@taskpulse/contract';
import { AudienceModel, eventually } from '@taskpulse/test-support';
import { loggedEvents, mutationOf, outOfOrder } from './helpers/events';
import { seededRandom, seedFrom } from '../support/prng';
import { type ExpectedEvent, RandomOperations } from './helpers/random-operations';

const USERS = 10;
const OPERATIONS = Number(process.env.ISOLATION_OPERATIONS || 1000);

/**
 * Property: over random teams, shares, unshares, moves between teams, membership changes, assignments, comments
 * (with mentions) and the notifications they cause, every event a
 * socket receives is one its user was in the audience of (per the test's own model), every audience member's
 * sockets receive it exactly once, and seq only increases on each socket.
 */
/** What tells apart the events of one request: the member of a team_member_removed, else the task (or none). */
function subjectOf(message: AnyServerMessage): string | null {
  const data = message.data as { user_id?: string; task_id?: string };
  return (message.event_type === 'team_member_removed' ? data.user_id : data.task_id) ?? null;
}

describe('realtime isolation property', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it(`delivers each event exactly to its audience over ${OPERATIONS} random operations`, async () => {
    const seed = seedFrom('ISOLATION_SEED');
    console.log(`isolation: seed ${seed} (replay with ISOLATION_SEED=${seed})`);
    const api = new Api(server.url);
    const users: TestUser[] = [];
    for (let i = 0; i < USERS; i++) users.push(await api.register({ name: `iso-${i}` }));
    const sockets: { user: TestUser; client: SocketClient }[] = [];
    for (const [i, user] of users.entries()) {
      for (let n = 0; n < (i < 2 ? 2 : 1); n++) sockets.push({ user, client: await connectAcked(server.wsUrl, { token: user.token }) });
    }
    const operations = new RandomOperations(api, users, new AudienceModel(), seededRandom(seed));

    const expected: ExpectedEvent[] = [];
    const kinds = new Map<string, number>();
    for (let i = 0; i < OPERATIONS; i++) {
      const operation = operations.next(i);
      kinds.set(operation.kind, (kinds.get(operation.kind) ?? 0) + 1);
      const events = await operation.run();
      if (events) expected.push(...(Array.isArray(events) ? events : [events]));
    }
    for (const [i, user] of users.entries()) expected.push((await operations.createTask(`barrier-${i}`, user).run()) as ExpectedEvent);
    // Only the actor's own copy carries the mutation id, so messages are matched to requests by order: the requests
    // ran one after another and each one's events are one transaction's, so a user receives, request by request and
    // in that order, exactly the events of each request that the model says they may see.
    const groupsFor = (userId: string) => {
      const groups = new Map<string, ExpectedEvent[]>();
      for (const event of expected) {
        if (!event.audience.has(userId)) continue;
        const group = groups.get(event.mutationId) ?? [];
        group.push(event);
        groups.set(event.mutationId, group);
      }
      return [...groups.values()];
    };
    // Each socket waits for as many events as it should get, and for its own user's barrier.
    await Promise.all(
      sockets.map(async ({ user, client }) => {
        const count = groupsFor(user.id).reduce((sum, group) => sum + group.length, 0);
        await eventually(() => loggedEvents(client).length >= count, `${count} events on ${user.name}'s socket`, 15_000);
        const barrier = [...expected].reverse().find((event) => event.actorId === user.id)!;
        await client.waitFor((m) => mutationOf(m) === barrier.mutationId, `${user.name}'s barrier`, 15_000);
      }),
    );

    const counts = {
      events: expected.length,
      deliveries: 0,
      leaks: 0,
      misses: 0,
      duplicates: 0,
      wrongPermission: 0,
      outOfOrder: 0,
    };
    const problems: string[] = [];
    const subjectFor = (message: AnyServerMessage, userId: string) =>
      message.event_type === 'notification_created'
        ? `${(message.data as { notification: { kind: string } }).notification.kind}:${userId}`
        : subjectOf(message);
    for (const { user, client } of sockets) {
      const received = loggedEvents(client);
      let next = 0;
      for (const group of groupsFor(user.id)) {
        const slice = received.slice(next, next + group.length);
        next += group.length;
        const unmatched = [...slice];
        for (const event of group) {
          const at = unmatched.findIndex(
            (m) => m.event_type === event.type && (event.subject === undefined || subjectFor(m, user.id) === event.subject),
          );
          if (at === -1) {
            counts.misses += 1;
            problems.push(`miss: ${event.type} ${event.mutationId} (${event.subject ?? ''}) never reached ${user.name}`);
            continue;
          }
          const [message] = unmatched.splice(at, 1);
          counts.deliveries += 1;
          const mutationId = user.id === event.actorId ? event.mutationId : null;
          if ((message.data.mutation_id ?? null) !== mutationId) {
            counts.leaks += 1;
            problems.push(`mutation id: ${event.mutationId} seq ${message.seq} to ${user.name} carried ${message.data.mutation_id}`);
          }
          if (isTaskEvent(message) && (message.data.task?.permission ?? null) !== event.audience.get(user.id)) {
            counts.wrongPermission += 1;
            problems.push(
              `permission: ${event.mutationId} to ${user.name}: got ${message.data.task?.permission ?? null}, expected ${event.audience.get(user.id)}`,
            );
          }
        }
        for (const message of unmatched) {
          counts.leaks += 1;
          problems.push(`leak: ${message.event_type} seq ${message.seq} (${subjectFor(message, user.id)}) to ${user.name}`);
        }
      }
      for (const message of received.slice(next)) {
        counts.leaks += 1;
        problems.push(
          `leak: ${message.event_type} seq ${message.seq} (${subjectFor(message, user.id)}) to ${user.name}, after all expected`,
        );
      }
      const seqs = received.map((m) => m.seq);
      counts.duplicates += seqs.length - new Set(seqs).size;
      counts.outOfOrder += outOfOrder(client);
    }
    for (const { client } of sockets) client.close();

    console.log(`isolation: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
    console.log(`isolation: ${JSON.stringify(counts)}${problems.length ? `\n${problems.slice(0, 20).join('\n')}` : ''}`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect({ ...counts, events: 0, deliveries: 0 }).toEqual({
      events: 0,
      deliveries: 0,
      leaks: 0,
      misses: 0,
      duplicates: 0,
      wrongPermission: 0,
      outOfOrder: 0,
    });
    expect(counts.deliveries).toBeGreaterThanOrEqual(counts.events);
  }, 150_000);
});
