/**
 * `GET /api/events`: the realtime messages as server-sent events. Same messages as the socket (compared byte for
 * byte), resume by `Last-Event-ID` or `since` without gap or duplicate, the same isolation, and its own failures.
 */
import { randomUUID } from 'node:crypto';
import { closeCodes, isLoggedEvent, type LoggedServerMessage, type ServerMessage } from '@taskpulse/contract';
import { badTokens, tokenFor, withTimeout } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { E2E_JWT_SECRET, RunningServer, startServer } from '../support/server';
import { openEventStream, type SseClient } from '../support/sse';
import { connectAcked } from '../support/ws';

const logged = (client: SseClient) => client.messages.filter(isLoggedEvent) as LoggedServerMessage[];
const mutations = (client: SseClient) => logged(client).map((m) => m.data.mutation_id);

describe('server-sent events', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { WS_MAX_CONNECTIONS_PER_USER: '3' } });
    api = new Api(server.url);
    [ada, ben] = await Promise.all([api.register({ name: 'Ada' }), api.register({ name: 'Ben' })]);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.dispose();
  });

  const open = async (options: Parameters<typeof openEventStream>[1]) => {
    const stream = await openEventStream(server.url, options);
    streams.push(stream);
    return stream;
  };
  const acked = async (options: Parameters<typeof openEventStream>[1]) => {
    const stream = await open(options);
    await stream.waitFor((m) => m.event_type === 'connection_ack', 'connection_ack');
    return stream;
  };

  it('answers 200 text/event-stream that no proxy may buffer, compress or cache, and starts with connection_ack', async () => {
    const sut = await acked({ token: ada.token, headers: { 'accept-encoding': 'gzip, br' } });

    expect(sut.status).toBe(200);
    expect(sut.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(sut.headers['cache-control']).toContain('no-transform');
    expect(sut.headers['x-accel-buffering']).toBe('no');
    expect(sut.headers['content-encoding']).toBeUndefined();
    const [ack] = sut.events;
    expect(ack.event).toBe('connection_ack');
    const message = JSON.parse(ack.data) as ServerMessage<'connection_ack'>;
    expect(message.data).toMatchObject({ user_id: ada.id, connection_id: expect.any(String), seq: expect.any(Number) });
    // Without since the stream starts at the head: a reconnect resumes from there.
    expect(ack.id).toBe(String(message.data.seq));
    sut.close();
  });

  it('takes the token as Authorization: Bearer too', async () => {
    const sut = await acked({ bearer: ada.token });
    expect((sut.messages[0] as ServerMessage<'connection_ack'>).data.user_id).toBe(ada.id);
    sut.close();
  });

  it('delivers live events as `id: <seq>`, `event: <event_type>`, the socket message as data, byte for byte', async () => {
    const sut = await acked({ token: ada.token });
    const socket = await connectAcked(server.wsUrl, { token: ada.token });
    const raw: string[] = [];
    socket.socket.on('message', (data) => raw.push(data.toString()));

    const task = await api.createTask(ada, aTask(), 'sse-live-1');
    await api.request('PATCH', `/api/tasks/${task.id}`, {
      token: ada.token,
      body: { status: 'completed' },
      headers: { 'x-mutation-id': 'sse-live-2' },
    });

    const completed = await sut.waitForEvent((e) => e.event === 'task_completed', 'task_completed');
    await socket.waitFor((m) => m.event_type === 'task_completed', 'task_completed on the socket');
    const created = sut.events.find((e) => e.event === 'task_created')!;
    expect(JSON.parse(created.data)).toMatchObject({
      event_type: 'task_created',
      data: { task: { id: task.id }, mutation_id: 'sse-live-1' },
    });
    expect(created.id).toBe(String(JSON.parse(created.data).seq));
    expect(Number(completed.id)).toBe(Number(created.id) + 1);
    expect([created.data, completed.data]).toEqual(raw);
    socket.close();
    sut.close();
  });

  it('resumes with Last-Event-ID: exactly the missed events, replay_complete, then live, while writes race the reconnect', async () => {
    const first = await acked({ token: ada.token });
    await api.createTask(ada, aTask(), 'resume-0');
    await first.waitFor((m) => isLoggedEvent(m) && m.data.mutation_id === 'resume-0', 'resume-0');
    first.close();
    const lastEventId = first.lastEventId;

    for (let i = 1; i <= 20; i++) await api.createTask(ada, aTask(), `resume-${i}`);
    const racing = (async () => {
      for (let i = 21; i <= 60; i += 4) await Promise.all([0, 1, 2, 3].map((j) => api.createTask(ada, aTask(), `resume-${i + j}`)));
    })();
    const sut = await acked({ token: ada.token, lastEventId, since: 0 });
    await racing;
    // The writes of a racing group commit in any order: wait for all 60, not for the one named last.
    await sut.waitFor(() => logged(sut).length >= 60, 'all 60 events', 15_000);

    // Writes of one racing group commit in any order: every one once, in seq order.
    expect(mutations(sut)).toHaveLength(60);
    expect(new Set(mutations(sut))).toEqual(new Set(Array.from({ length: 60 }, (_, i) => `resume-${i + 1}`)));
    expect(mutations(sut).slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `resume-${i + 1}`));
    const seqs = logged(sut).map((m) => m.seq);
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1])).toBe(true);
    const complete = sut.events.find((e) => e.event === 'replay_complete')!;
    expect(complete.id).toBe(String(JSON.parse(complete.data).data.seq));
    sut.close();
  });

  it('resumes with ?since= when there is no Last-Event-ID, and says resync_required for a bad one', async () => {
    const { seq } = await api.allTasks(ada);
    await api.createTask(ada, aTask(), 'since-1');
    const sut = await acked({ token: ada.token, since: seq });
    await sut.waitFor((m) => m.event_type === 'replay_complete', 'replay_complete');
    expect(mutations(sut)).toEqual(['since-1']);
    sut.close();

    const bad = await acked({ token: ada.token, since: 'yesterday' });
    const resync = await bad.waitFor<ServerMessage<'resync_required'>>((m) => m.event_type === 'resync_required', 'resync_required');
    expect(resync.data.reason).toBe('since_invalid');
    bad.close();
  });

  it('never carries another user’s private task, and carries a share while it lasts', async () => {
    const adaStream = await acked({ token: ada.token });
    const benStream = await acked({ token: ben.token });
    const secret = await api.createTask(ada, aTask({ title: `secret ${randomUUID()}` }), 'iso-secret');
    const shared = await api.createTask(ada, aTask(), 'iso-shared');
    await api.share(ada, shared.id, ben, 'view');
    await api.request('DELETE', `/api/tasks/${shared.id}/shares/${ben.id}`, {
      token: ada.token,
      headers: { 'x-mutation-id': 'iso-unshare' },
    });
    await api.request('PATCH', `/api/tasks/${shared.id}`, {
      token: ada.token,
      body: { title: 'after' },
      headers: { 'x-mutation-id': 'iso-after' },
    });
    await adaStream.waitFor((m) => isLoggedEvent(m) && m.data.mutation_id === 'iso-after', 'the last change on the owner stream');
    // Ben's barrier: a private change of his own, after everything above.
    await api.createTask(ben, aTask(), 'iso-barrier');
    await benStream.waitFor((m) => isLoggedEvent(m) && m.data.mutation_id === 'iso-barrier', 'the barrier');

    const seen = logged(benStream).map((m) => [m.event_type, 'task_id' in m.data ? m.data.task_id : null]);
    expect(seen).toEqual([
      ['task_shared', shared.id],
      // Being shared a task also notifies Ben (part 2); the notification names no task_id field of its own.
      ['notification_created', null],
      ['task_unshared', shared.id],
      ['task_created', expect.any(String)],
    ]);
    expect(JSON.stringify(benStream.events)).not.toContain(secret.id);
    // The unshare (after the share and its notification) tells Ben the task is gone for him.
    expect((logged(benStream)[2].data as { task: unknown }).task).toBeNull();
    adaStream.close();
    benStream.close();
  });

  it('refuses a missing, invalid or expired token with 401 JSON before any stream', async () => {
    for (const [name, token] of Object.entries(badTokens(ada.id, ada.token, E2E_JWT_SECRET))) {
      const answer = await open(token ? { token } : {});
      expect([name, answer.status]).toEqual([name, 401]);
      expect(answer.headers['content-type']).toContain('application/json');
      expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      if (token) expect(answer.body).not.toContain(token);
    }
  });

  it('refuses a stream past the per-user connection limit with 429 and Retry-After', async () => {
    const carl = await api.register({ name: 'Carl' });
    const held = await Promise.all([0, 1, 2].map(() => acked({ token: carl.token })));
    const refused = await open({ token: carl.token });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    for (const stream of held) stream.close();
  });

  it('ends the stream with a close event 4401 when the token expires', async () => {
    const sut = await acked({ token: tokenFor(ada.id, E2E_JWT_SECRET, 2) });
    await withTimeout(sut.ended, 5000, 'the end of the stream at expiry');
    const last = sut.events.at(-1)!;
    expect(last.event).toBe('close');
    expect(JSON.parse(last.data)).toEqual({ code: closeCodes.TOKEN_INVALID, reason: 'token expired' });
  });

  it('writes a comment line every 15 s so proxies keep the stream open', async () => {
    const sut = await acked({ token: ada.token });
    const before = sut.comments.length;
    await withTimeout(
      new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (sut.comments.length > before) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
      }),
      17_000,
      'a keep-alive comment',
    );
    expect(sut.comments.at(-1)).toBe('keep-alive');
    sut.close();
  }, 30_000);
});
