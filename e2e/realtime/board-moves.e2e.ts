import type { TaskDto } from '@taskpulse/contract';
import { isTaskEvent } from '@taskpulse/contract';
import { eventually } from '@taskpulse/test-support';
import { Api, TestUser } from '../support/api';
import { seededRandom, seedFrom } from '../support/prng';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';

const CLIENTS = 8;
const CARDS = 8;
const MOVES_EACH = 6;
const columns = ['pending', 'in_progress', 'completed'] as const;

/**
 * A live board under contention: 8 people move the same cards at once (PATCH {status, moveAfter}), each keeping
 * the board from its socket's events. In the end every client shows one and the same order, the server's, with no
 * two cards on one key and no card renumbered but the one moved.
 */
describe('board: concurrent moves of the same cards', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server?.dispose());

  it(`ends with one order on all ${CLIENTS} clients`, async () => {
    const seed = seedFrom('BOARD_SEED');
    console.log(`board: seed ${seed} (replay with BOARD_SEED=${seed})`);
    const random = seededRandom(seed);
    const api = new Api(server.url);
    const people: TestUser[] = [];
    for (let i = 0; i < CLIENTS; i++) people.push(await api.register({ name: `mover-${i}` }));
    const team = await api.createTeam(people[0]);
    for (const person of people.slice(1)) await api.addMember(people[0], team.id, person);
    const cards: TaskDto[] = [];
    for (let i = 0; i < CARDS; i++) cards.push(await api.createTask(people[i % CLIENTS], { title: `card ${i}`, teamId: team.id }));

    const boards = new Map<SocketClient, Map<string, TaskDto>>();
    const sockets: SocketClient[] = [];
    for (const person of people) {
      const { items, seq } = await api.allTasks(person);
      const socket = await connectAcked(server.wsUrl, { token: person.token, since: seq });
      boards.set(socket, new Map(items.map((task) => [task.id, task])));
      sockets.push(socket);
    }
    const apply = (socket: SocketClient, from: number) => {
      const board = boards.get(socket)!;
      for (const message of socket.messages.slice(from)) {
        if (!isTaskEvent(message)) continue;
        const known = board.get(message.data.task_id);
        if (message.data.task && (!known || known.version < message.data.task.version)) board.set(message.data.task_id, message.data.task);
      }
      return socket.messages.length;
    };

    const ids = cards.map((card) => card.id);
    const moves = people.map((person, p) =>
      (async () => {
        const answers: number[] = [];
        for (let m = 0; m < MOVES_EACH; m++) {
          const card = ids[Math.floor(random() * ids.length)];
          const others = ids.filter((id) => id !== card);
          const anchor = random() < 0.2 ? null : others[Math.floor(random() * others.length)];
          const status = columns[Math.floor(random() * columns.length)];
          const answer = await api.request('PATCH', `/api/tasks/${card}`, {
            token: person.token,
            body: { status, moveAfter: anchor },
            headers: { 'x-mutation-id': `move-${p}-${m}` },
          });
          answers.push(answer.status);
        }
        return answers;
      })(),
    );
    const statuses = (await Promise.all(moves)).flat();
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const truth = (await api.request('GET', `/api/tasks?sort=position&teamId=${team.id}&limit=200`, { token: people[0].token })).body
      .items as TaskDto[];
    const order = (iterable: Iterable<TaskDto>) => {
      const tasks = [...iterable];
      return columns.map((column) =>
        tasks
          .filter((task) => task.status === column)
          .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1))
          .map((task) => task.title),
      );
    };
    const expected = order(truth);
    expect(new Set(truth.map((task) => task.position)).size).toBe(CARDS);
    expect(truth.map((task) => task.position)).toEqual([...truth.map((task) => task.position)].sort());

    const seen = new Map(sockets.map((socket) => [socket, 0]));
    await eventually(
      () =>
        sockets.every((socket) => {
          seen.set(socket, apply(socket, seen.get(socket)!));
          return JSON.stringify(order(boards.get(socket)!.values())) === JSON.stringify(expected);
        }),
      `all ${CLIENTS} clients to show the server's order ${JSON.stringify(expected)}`,
      15_000,
      50,
    );
    const moved = truth.filter((task) => task.version > 1).length;
    console.log(`board: ${statuses.length} concurrent moves of ${CARDS} cards; ${moved} cards moved; final ${JSON.stringify(expected)}`);
    sockets.forEach((socket) => socket.close());
  }, 60_000);
});
