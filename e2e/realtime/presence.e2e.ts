/**
 * Presence: who else views or edits a task (and which field), to the other users who can see it, and never to
 * anyone else; ends on `left`, on disconnect, and 30 s after the last heartbeat. Over a socket, and over REST for a
 * client on server-sent events.
 */
import { type PresenceData, type ServerMessage } from '@taskpulse/contract';
import { Api, TestUser } from '../support/api';
import { aTask } from '../support/builders';
import { RunningServer, startServer } from '../support/server';
import { openEventStream } from '../support/sse';
import { connectAcked, delay, SocketClient } from '../support/ws';
import { barrier } from './helpers/events';

type Presence = ServerMessage<'presence'>;
const presenceOf = (client: SocketClient, taskId: string) =>
  client.messages.filter((m): m is Presence => m.event_type === 'presence' && m.data.task_id === taskId);
const nextPresence = (client: SocketClient, taskId: string, what: string, predicate: (data: PresenceData) => boolean = () => true) => {
  const seen = presenceOf(client, taskId).length;
  return client.waitFor<Presence>(
    (m) =>
      m.event_type === 'presence' &&
      m.data.task_id === taskId &&
      presenceOf(client, taskId).indexOf(m as Presence) >= seen &&
      predicate(m.data),
    what,
  );
};

describe('presence', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let ben: TestUser;
  let cleo: TestUser;
  let dan: TestUser;
  let teamId: string;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    [ada, ben, cleo, dan] = await Promise.all(['Ada', 'Ben', 'Cleo', 'Dan'].map((name) => api.register({ name })));
    teamId = (await api.createTeam(ada, 'Presence crew')).id;
    await api.addMember(ada, teamId, cleo);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.dispose();
  });

  /** Connected and live (an acknowledged socket goes live once delivery has caught up; presence reaches live ones). */
  const connect = async (user: TestUser) => {
    const socket = await connectAcked(server.wsUrl, { token: user.token });
    sockets.push(socket);
    await barrier(api, [{ user, client: socket }], `live-${user.id}`);
    return socket;
  };
  const say = (socket: SocketClient, taskId: string, state: string, field?: string) =>
    socket.send({ type: 'presence', task_id: taskId, state, ...(field ? { field } : {}) });

  it('tells the other viewers (owner, share, team) who is viewing and editing which field; a newcomer learns who is there', async () => {
    const task = await api.createTask(ada, aTask({ teamId }));
    await api.share(ada, task.id, ben, 'view');
    const [adaSocket, benSocket, cleoSocket, danSocket] = await Promise.all([ada, ben, cleo, dan].map(connect));

    const toBen = nextPresence(benSocket, task.id, 'Ben: Ada viewing');
    const toCleo = nextPresence(cleoSocket, task.id, 'Cleo: Ada viewing');
    say(adaSocket, task.id, 'viewing');
    const adaViewing = [{ user_id: ada.id, name: 'Ada', state: 'viewing', field: null }];
    expect((await toBen).data).toEqual({ task_id: task.id, users: adaViewing });
    expect((await toCleo).data.users).toEqual(adaViewing);
    expect((await toBen).timestamp).toEqual(expect.any(String));

    const editing = nextPresence(benSocket, task.id, 'Ben: Ada editing the title', (d) => d.users[0]?.state === 'editing');
    say(adaSocket, task.id, 'editing', 'title');
    expect((await editing).data.users).toEqual([{ user_id: ada.id, name: 'Ada', state: 'editing', field: 'title' }]);

    const benLearns = nextPresence(benSocket, task.id, 'Ben: who is there as he arrives');
    const adaHears = nextPresence(adaSocket, task.id, 'Ada: Ben viewing');
    say(benSocket, task.id, 'viewing');
    expect((await benLearns).data.users).toEqual([{ user_id: ada.id, name: 'Ada', state: 'editing', field: 'title' }]);
    expect((await adaHears).data.users).toEqual([{ user_id: ben.id, name: 'Ben', state: 'viewing', field: null }]);

    const adaLeft = nextPresence(benSocket, task.id, 'Ben: Ada left', (d) => d.users.length === 0);
    say(adaSocket, task.id, 'left');
    await adaLeft;

    await barrier(api, [{ user: dan, client: danSocket }]);
    expect(presenceOf(danSocket, task.id)).toEqual([]);
    expect(presenceOf(adaSocket, task.id).every((m) => m.data.users.every((u) => u.user_id !== ada.id))).toBe(true);
  });

  it('never reaches, nor shows, someone who cannot see the task, and refuses their presence on it', async () => {
    const task = await api.createTask(ada, aTask());
    await api.share(ada, task.id, ben, 'edit');
    const [adaSocket, benSocket, danSocket] = await Promise.all([ada, ben, dan].map(connect));

    say(danSocket, task.id, 'viewing');
    const refused = await danSocket.waitFor<ServerMessage<'error'>>((m) => m.event_type === 'error', 'an error for a task Dan cannot see');
    expect(refused.data).toEqual({ code: 'bad_field', message: 'task_id names no task you can see' });

    await api.request('DELETE', `/api/tasks/${task.id}/shares/${ben.id}`, { token: ada.token });
    await delay(100);
    say(benSocket, task.id, 'viewing');
    await benSocket.waitFor((m) => m.event_type === 'error', 'an error for Ben, unshared');
    say(adaSocket, task.id, 'editing', 'description');
    await barrier(api, [
      { user: ben, client: benSocket },
      { user: dan, client: danSocket },
      { user: ada, client: adaSocket },
    ]);
    expect(presenceOf(benSocket, task.id)).toEqual([]);
    expect(presenceOf(danSocket, task.id)).toEqual([]);
    expect(presenceOf(adaSocket, task.id)).toEqual([]);
  });

  it('ends with the connection that held it', async () => {
    const task = await api.createTask(ada, aTask());
    await api.share(ada, task.id, ben, 'view');
    const [adaSocket, benSocket] = await Promise.all([ada, ben].map(connect));
    const seen = nextPresence(adaSocket, task.id, 'Ada: Ben viewing');
    say(benSocket, task.id, 'viewing');
    await seen;

    const gone = nextPresence(adaSocket, task.id, 'Ada: Ben gone', (d) => d.users.length === 0);
    benSocket.socket.terminate();
    await gone;
  });

  it('ends 30 s after the last heartbeat', async () => {
    const task = await api.createTask(ada, aTask());
    await api.share(ada, task.id, ben, 'view');
    const [adaSocket, benSocket] = await Promise.all([ada, ben].map(connect));
    const seen = nextPresence(adaSocket, task.id, 'Ada: Ben viewing');
    say(benSocket, task.id, 'viewing');
    await seen;
    const since = Date.now();

    const expired = adaSocket.waitFor<Presence>(
      (m) => m.event_type === 'presence' && m.data.task_id === task.id && m.data.users.length === 0,
      'Ben to time out',
      35_000,
    );
    await expired;
    expect(Date.now() - since).toBeGreaterThanOrEqual(29_000);
    expect(benSocket.socket.readyState).toBe(benSocket.socket.OPEN);
  }, 45_000);

  it('takes presence over REST for a client on server-sent events, and ends it with its stream', async () => {
    const task = await api.createTask(ada, aTask());
    await api.share(ada, task.id, ben, 'edit');
    const adaSocket = await connect(ada);
    const stream = await openEventStream(server.url, { token: ben.token });
    const ack = await stream.waitFor<ServerMessage<'connection_ack'>>((m) => m.event_type === 'connection_ack', 'connection_ack');

    const seen = nextPresence(adaSocket, task.id, 'Ada: Ben editing over REST');
    const answer = await api.request('POST', '/api/presence', {
      token: ben.token,
      body: { task_id: task.id, state: 'editing', field: 'title', connection_id: ack.data.connection_id },
    });
    expect(answer.status).toBe(204);
    expect((await seen).data.users).toEqual([{ user_id: ben.id, name: 'Ben', state: 'editing', field: 'title' }]);

    const toStream = stream.waitForEvent((e) => e.event === 'presence', 'presence on the stream');
    adaSocket.send({ type: 'presence', task_id: task.id, state: 'viewing' });
    expect(JSON.parse((await toStream).data)).toMatchObject({
      event_type: 'presence',
      data: { task_id: task.id, users: [{ user_id: ada.id }] },
    });
    expect((await toStream).id).toBeUndefined();

    const gone = nextPresence(adaSocket, task.id, 'Ada: Ben gone with his stream', (d) => d.users.length === 0);
    stream.close();
    await gone;

    const invalid = [
      [{ task_id: 'nope', state: 'viewing' }, 'task_id'],
      [{ task_id: task.id, state: 'sleeping' }, 'state'],
      [{ task_id: task.id, state: 'editing', field: 'x'.repeat(65) }, 'field'],
      [{ task_id: task.id, state: 'viewing', extra: 1 }, 'extra'],
      [{ task_id: task.id, state: 'viewing', connection_id: 'abc' }, 'connection_id'],
    ] as const;
    for (const [body, field] of invalid) {
      const bad = await api.request('POST', '/api/presence', { token: ben.token, body });
      expect([field, bad.status]).toEqual([field, 400]);
      expect(JSON.stringify(bad.body.message)).toContain(field);
    }
    expect((await api.request('POST', '/api/presence', { token: dan.token, body: { task_id: task.id, state: 'viewing' } })).status).toBe(
      404,
    );
    expect((await api.request('POST', '/api/presence', { body: { task_id: task.id, state: 'viewing' } })).status).toBe(401);
  });
});
