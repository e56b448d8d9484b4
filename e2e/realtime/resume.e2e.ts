import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import type { ServerMessage } from '@taskpulse/contract';
import { loggedEvents, mutationOf, outOfOrder } from './helpers/events';
import { eventually } from '@taskpulse/test-support';

const replayDone = (c: SocketClient) =>
  c.waitFor<ServerMessage<'replay_complete'>>((m) => m.event_type === 'replay_complete', 'replay_complete');

describe('realtime resume with since', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    ada = await api.register();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('replays every event after since, then replay_complete, then live', async () => {
    const { seq: before } = await api.allTasks(ada);
    for (let i = 0; i < 5; i++) await api.createTask(ada, {}, `missed-${i}`);

    const sut = await connectAcked(server.wsUrl, { token: ada.token, since: before });
    const done = await replayDone(sut);
    await api.createTask(ada, {}, 'live-1');
    await sut.waitFor((m) => mutationOf(m) === 'live-1', 'the live event after the replay');

    expect(sut.messages.map((m) => m.event_type)).toEqual([
      'connection_ack',
      'task_created',
      'task_created',
      'task_created',
      'task_created',
      'task_created',
      'replay_complete',
      'task_created',
    ]);
    expect(loggedEvents(sut).map((m) => m.data.mutation_id)).toEqual([
      'missed-0',
      'missed-1',
      'missed-2',
      'missed-3',
      'missed-4',
      'live-1',
    ]);
    expect(done.data.seq).toBe(loggedEvents(sut)[4].seq);
    sut.close();
  });

  it('has no gap and no duplicate when live events race the replay', async () => {
    const { seq: since } = await api.allTasks(ada);
    const backlog = 150;
    const racing = 60;
    for (let i = 0; i < backlog; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => api.createTask(ada, { title: `backlog ${i + j}` }, `race-${i + j}`)));
    }
    const storm = (async () => {
      for (let i = 0; i < racing; i += 3) {
        await Promise.all(Array.from({ length: 3 }, (_, j) => api.createTask(ada, {}, `race-${backlog + i + j}`)));
      }
    })();

    const sut = await connectAcked(server.wsUrl, { token: ada.token, since });
    const done = await replayDone(sut);
    await storm;
    await sut.waitFor(() => loggedEvents(sut).length >= backlog + racing, `all ${backlog + racing} events`, 15_000);

    const ids = loggedEvents(sut).map((m) => m.data.mutation_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: backlog + racing }, (_, i) => `race-${i}`)));
    expect(outOfOrder(sut)).toBe(0);
    const completeAt = sut.messages.indexOf(done);
    expect(sut.messages.slice(0, completeAt).filter((m) => (m.seq ?? 0) > done.data.seq)).toEqual([]);
    expect(sut.messages.slice(completeAt + 1).filter((m) => (m.seq ?? Infinity) <= done.data.seq)).toEqual([]);
    sut.close();
  });

  it('continues from the seq of a REST read: fetch, change, connect with since = seq', async () => {
    const task = await api.createTask(ada);
    const { seq, items } = await api.allTasks(ada);
    expect(items.find((t) => t.id === task.id)).toBeDefined();
    await api.request('PATCH', `/api/tasks/${task.id}`, {
      token: ada.token,
      body: { title: 'after the read' },
      headers: { 'x-mutation-id': 'after-read' },
    });

    const sut = await connectAcked(server.wsUrl, { token: ada.token, since: seq });
    await replayDone(sut);

    expect(loggedEvents(sut).map((m) => m.data.mutation_id)).toEqual(['after-read']);
    sut.close();
  });

  it('treats since beyond the head as the head', async () => {
    const { seq: head } = await api.allTasks(ada);

    const sut = await connectAcked(server.wsUrl, { token: ada.token, since: head + 1000 });
    const done = await replayDone(sut);
    await api.createTask(ada, {}, 'after-future-since');
    await sut.waitFor((m) => mutationOf(m) === 'after-future-since', 'the next live event');

    expect(done.data.seq).toBe(head);
    sut.close();
  });

  it.each(['abc', '-1', '1.5', '', '1e3', '99999999999999999999'])(
    'answers since=%j with resync_required since_invalid, then live',
    async (since) => {
      const sut = await connectAcked(server.wsUrl, { token: ada.token, query: `token=${ada.token}&since=${encodeURIComponent(since)}` });

      const resync = await sut.waitFor<ServerMessage<'resync_required'>>((m) => m.event_type === 'resync_required', 'resync_required');
      const mutationId = `after-bad-since-${since}`;
      await api.createTask(ada, {}, mutationId);
      await sut.waitFor((m) => mutationOf(m) === mutationId, 'a live event after resync_required');

      expect(resync.data).toEqual({ reason: 'since_invalid' });
      expect(sut.messages.some((m) => m.event_type === 'replay_complete')).toBe(false);
      sut.close();
    },
  );
});

describe('realtime resume past the retention window', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;

  beforeAll(async () => {
    server = await startServer({ env: { EVENT_RETENTION: '1s', EVENT_PRUNE_INTERVAL: '200ms' } });
    api = new Api(server.url);
    ada = await api.register();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('answers a pruned since with resync_required since_too_old and stays live from the head', async () => {
    const { seq: since } = await api.allTasks(ada);
    for (let i = 0; i < 3; i++) await api.createTask(ada);

    const { attempt: sut, first } = await eventually(
      async () => {
        const attempt = await connectAcked(server.wsUrl, { token: ada.token, since });
        const first = await attempt.waitFor(
          (m) => m.event_type === 'resync_required' || m.event_type === 'replay_complete',
          'the end of the replay',
        );
        if (first.event_type === 'resync_required') return { attempt, first };
        attempt.close();
        return undefined;
      },
      'the events to be pruned',
      8000,
      200,
    );
    await api.createTask(ada, {}, 'after-resync');
    const live = await sut.waitFor((m) => mutationOf(m) === 'after-resync', 'a live event after resync_required');

    expect(first.data).toEqual({ reason: 'since_too_old' });
    expect(sut.messages.map((m) => m.event_type)).toEqual(['connection_ack', 'resync_required', 'task_created']);
    expect(live.event_type).toBe('task_created');
    sut.close();
  });

  it('still resumes normally from a since inside the window', async () => {
    const { seq } = await api.allTasks(ada);
    await api.createTask(ada, {}, 'inside-window');

    const sut = await connectAcked(server.wsUrl, { token: ada.token, since: seq });
    await replayDone(sut);

    expect(loggedEvents(sut).map((m) => m.data.mutation_id)).toEqual(['inside-window']);
    sut.close();
  });
});
