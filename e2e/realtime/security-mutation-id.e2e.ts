/** `mutation_id` is the actor's own: only the actor's copy of an event carries it, live and on replay. */
import { isLoggedEvent } from '@taskpulse/contract';
import { Api, type TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked } from '../support/ws';
import { loggedEvents, mutationOf, titleOf } from './helpers/events';

describe('X-Mutation-Id reaches only the actor', () => {
  let server: RunningServer;
  let api: Api;
  let ada: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    [ada, bob] = await Promise.all([api.register({ name: 'Ada' }), api.register({ name: 'Bob' })]);
  });
  afterAll(() => server?.dispose());

  it("sends data.mutation_id in the actor's copy only, live and when replayed", async () => {
    const task = await api.createTask(ada, { title: 'mine' });
    await api.share(ada, task.id, bob, 'edit');
    const since = (await api.allTasks(ada)).seq;
    const adaLive = await connectAcked(server.wsUrl, { token: ada.token });
    const bobLive = await connectAcked(server.wsUrl, { token: bob.token });

    const byAda = await api.request('PATCH', `/api/tasks/${task.id}`, {
      token: ada.token,
      body: { title: 'by ada' },
      headers: { 'x-mutation-id': 'secret-of-ada' },
    });
    const byBob = await api.request('PATCH', `/api/tasks/${task.id}`, {
      token: bob.token,
      body: { title: 'by bob' },
      headers: { 'x-mutation-id': 'secret-of-bob' },
    });
    expect([byAda.status, byBob.status]).toEqual([200, 200]);
    await adaLive.waitFor((m) => titleOf(m) === 'by bob', "bob's change at ada");
    await bobLive.waitFor((m) => titleOf(m) === 'by bob', "bob's change at bob");
    const adaReplay = await connectAcked(server.wsUrl, { token: ada.token, since });
    const bobReplay = await connectAcked(server.wsUrl, { token: bob.token, since });
    for (const replay of [adaReplay, bobReplay]) await replay.waitFor((m) => m.event_type === 'replay_complete', 'replay_complete');

    const seen = (client: typeof adaLive) => loggedEvents(client).map((m) => [titleOf(m), mutationOf(m) ?? null]);
    for (const ada of [adaLive, adaReplay]) {
      expect(seen(ada)).toEqual([
        ['by ada', 'secret-of-ada'],
        ['by bob', null],
      ]);
    }
    for (const bob of [bobLive, bobReplay]) {
      expect(seen(bob)).toEqual([
        ['by ada', null],
        ['by bob', 'secret-of-bob'],
      ]);
    }
    const raw = [adaLive, bobLive, adaReplay, bobReplay].flatMap((client) => client.messages.filter(isLoggedEvent));
    expect(raw).toHaveLength(8);
    for (const client of [adaLive, bobLive, adaReplay, bobReplay]) client.close();
  });
});
