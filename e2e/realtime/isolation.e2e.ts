import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import { isTaskEvent } from '@taskpulse/contract';
import { AudienceModel } from '@taskpulse/test-support';
import { loggedEvents, mutationOf, outOfOrder } from './helpers/events';
import { seededRandom, seedFrom } from '../support/prng';
import { eventKey, type ExpectedEvent, RandomOperations } from './helpers/random-operations';

const USERS = 10;
const OPERATIONS = Number(process.env.ISOLATION_OPERATIONS || 1000);

/**
 * Property: over random teams, shares, unshares, moves between teams, membership changes, assignments, comments
 * (with mentions) and the notifications they cause, every event a
 * socket receives is one its user was in the audience of (per the test's own model), every audience member's
 * sockets receive it exactly once, and seq only increases on each socket.
 */
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
    // Each socket waits for the last event it should get: events reach a socket in seq order, so by then it
    // has everything (waiting only for its own barrier would race the barriers created after it).
    await Promise.all(
      sockets.map(({ user, client }) => {
        const last = [...expected].reverse().find((event) => event.audience.has(user.id));
        if (!last) return undefined;
        return client.waitFor((m) => mutationOf(m) === last.mutationId, `${last.mutationId} on ${user.name}'s socket`, 15_000);
      }),
    );

    const counts = {
      events: expected.length,
      deliveries: 0,
      leaks: 0,
      misses: 0,
      duplicates: 0,
      wrongPermission: 0,
      wrongType: 0,
      outOfOrder: 0,
    };
    const problems: string[] = [];
    const keyOf = (event: ExpectedEvent) => eventKey(event.mutationId, event.type, event.subject);
    const byKey = new Map(expected.map((event) => [keyOf(event), event]));
    for (const { user, client } of sockets) {
      const received = new Map<string, number>();
      for (const message of loggedEvents(client)) {
        const mutationId = message.data.mutation_id ?? '';
        const subject =
          message.event_type === 'notification_created'
            ? `${message.data.notification.kind}:${user.id}`
            : message.event_type === 'team_member_removed'
              ? message.data.user_id
              : 'task_id' in message.data
                ? message.data.task_id
                : null;
        const event = byKey.get(eventKey(mutationId, message.event_type, subject)) ?? byKey.get(eventKey(mutationId, message.event_type));
        if (!event || !event.audience.has(user.id)) {
          counts.leaks += 1;
          problems.push(`leak: ${message.event_type} ${message.data.mutation_id} seq ${message.seq} to ${user.name} (${subject})`);
          continue;
        }
        counts.deliveries += 1;
        received.set(keyOf(event), (received.get(keyOf(event)) ?? 0) + 1);
        if (message.event_type !== event.type) counts.wrongType += 1;
        if (isTaskEvent(message) && (message.data.task?.permission ?? null) !== event.audience.get(user.id)) {
          counts.wrongPermission += 1;
          problems.push(
            `permission: ${event.mutationId} to ${user.name}: got ${message.data.task?.permission ?? null}, expected ${event.audience.get(user.id)}`,
          );
        }
      }
      for (const event of expected) {
        if (!event.audience.has(user.id)) continue;
        const times = received.get(keyOf(event)) ?? 0;
        if (times === 0) problems.push(`miss: ${event.type} ${event.mutationId} never reached ${user.name}`);
        if (times === 0) counts.misses += 1;
        if (times > 1) counts.duplicates += times - 1;
      }
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
      wrongType: 0,
      outOfOrder: 0,
    });
    expect(counts.deliveries).toBeGreaterThanOrEqual(counts.events);
  }, 150_000);
});
