import type WebSocket from 'ws';
import { aUser, createTestApp, type TestApp } from '../../test/test-app';
import { MetricsService } from '../platform/metrics/metrics.service';
import { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';
import { DeliveryService } from './delivery.service';
import { InProcessEventBus } from './bus/event-bus';
import type { LoggedServerMessage } from '@taskpulse/contract';
import { loadRealtimeSettings } from './realtime-settings';
import { waitUntil } from '@taskpulse/test-support';

type RecordingSocket = WebSocket & { sent: LoggedServerMessage[]; frames: Buffer[] };

/** A socket that records what it is sent: parsed, and the very buffers written. */
function aSocket(): RecordingSocket {
  const sent: LoggedServerMessage[] = [];
  const frames: Buffer[] = [];
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    sent,
    frames,
    on: () => socket,
    send: (bytes: Buffer) => {
      frames.push(bytes);
      sent.push(JSON.parse(bytes.toString()));
    },
    close: () => undefined,
  };
  return socket as unknown as RecordingSocket;
}

/** Live delivery over the real event log: what a second instance publishing out of order would cause. */
describe('DeliveryService', () => {
  let app: TestApp;
  let bus: InProcessEventBus;
  let registry: ConnectionRegistry;
  let sut: DeliveryService;

  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  beforeEach(async () => {
    bus = new InProcessEventBus();
    registry = new ConnectionRegistry();
    sut = new DeliveryService(bus, app.log, registry, new MetricsService(), loadRealtimeSettings({ wsMessagesPerSecond: 20 }));
  });

  afterEach(() => sut.onModuleDestroy());

  function connect(userId: string, head: number): RecordingSocket {
    const socket = aSocket();
    const connection = new Connection(
      socket,
      { userId, expiresAt: Date.now() + 60_000 },
      { maxBufferedBytes: 1 << 20, messagesPerSecond: 20, messageBurst: 40 },
    );
    registry.add(connection);
    registry.goLive(connection, []);
    connection.goLive(head);
    return socket;
  }

  it('delivers out-of-order and missing entries in seq order, reading the gap from the log', async () => {
    const owner = await aUser(app, 'Owner');
    const viewer = await aUser(app, 'Viewer');
    await sut.onModuleInit();
    const head = await app.log.head();
    const ownerSocket = connect(owner.id, head);
    const viewerSocket = connect(viewer.id, head);
    const from = app.emitted.length;
    const { task } = await app.tasks.create(owner.id, { title: 'Ordered' }, 'm1');
    await app.shares.share(owner.id, task.id, { email: viewer.email, permission: 'view' }, 'm2');
    await app.tasks.update(owner.id, task.id, { title: 'Still ordered' }, 'm3');
    await app.tasks.update(owner.id, task.id, { title: 'Last' }, 'm4');
    // The share also notifies the viewer (head + 3, to the viewer only): left for delivery to read from the log too.
    const [first, , third, fourth] = app.emitted.slice(from).filter((entry) => entry.type !== 'notification_created');

    for (const entry of [fourth, first, third]) await bus.publish(entry);
    await waitUntil(() => ownerSocket.sent.length === 4 && viewerSocket.sent.length === 4, 'the gap to be filled');

    expect(ownerSocket.sent.map((m) => [m.seq, m.data.mutation_id])).toEqual([
      [head + 1, 'm1'],
      [head + 2, 'm2'],
      [head + 4, 'm3'],
      [head + 5, 'm4'],
    ]);
    expect(viewerSocket.sent.map((m) => [m.event_type, m.data.mutation_id])).toEqual([
      ['task_shared', 'm2'],
      ['notification_created', 'm2'],
      ['task_updated', 'm3'],
      ['task_updated', 'm4'],
    ]);
    expect(viewerSocket.sent.map((m) => ('task' in m.data ? m.data.task?.permission : undefined))).toEqual([
      'view',
      undefined,
      'view',
      'view',
    ]);
  });

  it('delivers an entry published twice once', async () => {
    const owner = await aUser(app, 'Twice');
    await sut.onModuleInit();
    const socket = connect(owner.id, await app.log.head());
    const from = app.emitted.length;
    await app.tasks.create(owner.id, { title: 'Once' }, 'once');

    for (let i = 0; i < 3; i++) await bus.publish(app.emitted[from]);
    await waitUntil(() => socket.sent.length > 0, 'the first delivery');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(socket.sent.map((m) => m.data.mutation_id)).toEqual(['once']);
  });

  it('gives recipients with the same permission the same bytes', async () => {
    const owner = await aUser(app, 'Sharer');
    const viewers = [await aUser(app, 'V1'), await aUser(app, 'V2')];
    const { task } = await app.tasks.create(owner.id, { title: 'Shared bytes' }, null);
    for (const viewer of viewers) await app.shares.share(owner.id, task.id, { email: viewer.email, permission: 'view' }, null);
    await sut.onModuleInit();
    const head = await app.log.head();
    const sockets = [owner, ...viewers].map((user) => connect(user.id, head));
    const from = app.emitted.length;
    await app.tasks.update(owner.id, task.id, { title: 'Changed' }, null);
    await bus.publish(app.emitted[from]);
    await waitUntil(() => sockets.every((socket) => socket.frames.length === 1), 'the change on every socket');

    const [ownerBytes, ...viewerBytes] = sockets.map((socket) => socket.frames[0]);
    expect(viewerBytes[0]).toBe(viewerBytes[1]);
    expect(ownerBytes).not.toBe(viewerBytes[0]);
  });
});
