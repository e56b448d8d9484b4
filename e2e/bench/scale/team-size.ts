// Phase "team": does a change to a team task cost the same with 10 and with 10,000 members? Its owner (an admin)
// PATCHes it with members online, each of whom must receive every change.
import WebSocket from 'ws';
import type { TestUser } from '../../support/api';
import { fmt, report } from '../report';
import { BenchTarget, type DatabaseKind, machineLoad } from './bench-target';
import { seedMembers, seedUsers } from './foreign-data';
import { call, expectStatus, forgeToken, type Timing, timeSequential } from './load';

const SMALL_TEAM = 10;
const LARGE_TEAM = 10_000;
const SEEDED_ONLINE = 100;
const SAMPLES = 30;

/** Members' sockets, each remembering the changes it received (by the task title naming each: only the actor gets mutation ids). */
class OnlineMembers {
  private readonly seen: Array<Set<string>> = [];
  private readonly sockets: WebSocket[] = [];
  /** Wakes `receivedAll` when a change arrives. */
  private arrived: () => void = () => undefined;

  async open(wsUrl: string, tokens: string[]): Promise<void> {
    for (let i = 0; i < tokens.length; i += 50) await Promise.all(tokens.slice(i, i + 50).map((token) => this.openOne(wsUrl, token)));
  }

  private openOne(wsUrl: string, token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}?token=${token}`);
      const seen = new Set<string>();
      const timer = setTimeout(() => reject(new Error('no connection_ack within 10 s')), 10_000);
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString());
        if (message.event_type === 'connection_ack') {
          clearTimeout(timer);
          this.sockets.push(socket);
          this.seen.push(seen);
          resolve();
        }
        const title = message.data?.task?.title;
        if (title) {
          seen.add(title);
          this.arrived();
        }
      });
      socket.once('error', reject);
      socket.once('close', (code) => reject(new Error(`closed ${code} before connection_ack`)));
    });
  }

  get count(): number {
    return this.sockets.length;
  }

  /** How many sockets received every one of `mutationIds`, once they all have or `timeoutMs` passed. */
  async receivedAll(mutationIds: string[], timeoutMs: number): Promise<number> {
    const complete = () => this.seen.filter((seen) => mutationIds.every((id) => seen.has(id))).length;
    const deadline = Date.now() + timeoutMs;
    while (complete() < this.count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.arrived = () => undefined;
    return complete();
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
  }
}

interface Round {
  timing: Timing;
  events: number;
  received: number;
  online: number;
}

/**
 * SAMPLES sequential PATCHes of the task by its owner, each timed alone: the next starts once every online member
 * has received the change (the fan-out to the online members is the fan-out phase's subject, not this one's). Then
 * how many online members received every one.
 */
async function patchRound(target: BenchTarget, owner: TestUser, taskId: string, tokens: string[], size: number): Promise<Round> {
  const online = new OnlineMembers();
  await online.open(target.server.wsUrl, tokens);
  try {
    const mutationIds: string[] = [];
    const idOf = (i: number) => `team-${size}-${i}`;
    const timing = await timeSequential(
      SAMPLES,
      async (i) => {
        const mutationId = idOf(i);
        mutationIds.push(mutationId);
        const answer = await call(`${target.server.url}/api/tasks/${taskId}`, {
          method: 'PATCH',
          token: owner.token,
          body: { title: mutationId },
          headers: { 'x-mutation-id': mutationId },
        });
        expectStatus(answer, 200, 'team task PATCH');
      },
      3,
      (i) => online.receivedAll([idOf(i)], 5_000),
    );
    return { timing, events: mutationIds.length, received: await online.receivedAll(mutationIds, 20_000), online: online.count };
  } finally {
    online.close();
  }
}

export async function measureTeamSize(kind: DatabaseKind): Promise<void> {
  const target = await BenchTarget.open(kind);
  const { label, api } = target;
  console.log(
    `\nTeam size on ${label}: a team task PATCHed by its owner with ${SMALL_TEAM}, then ${LARGE_TEAM.toLocaleString('en-US')} members (${machineLoad()})`,
  );
  try {
    const owner = await api.register({ name: 'Team Owner' });
    const team = await api.createTeam(owner, 'Large team');
    const members = await Promise.all(Array.from({ length: SMALL_TEAM - 1 }, () => api.register()));
    for (const member of members) await api.addMember(owner, team.id, member);
    const task = await api.createTask(owner, { teamId: team.id, description: 'A task the whole team sees.' });
    const small = await patchRound(
      target,
      owner,
      task.id,
      members.map((m) => m.token),
      SMALL_TEAM,
    );
    const seeded = await target.alter(async (sink) => {
      const ids = await seedUsers(sink, LARGE_TEAM - SMALL_TEAM, 'Member');
      await seedMembers(
        sink,
        team.id,
        ids.map((id) => [id, 'member']),
      );
      return ids;
    });
    const teams = expectStatus(await call(`${target.server.url}/api/teams`, { token: owner.token }), 200, 'list teams');
    const size = teams.body.find((t: { id: string }) => t.id === team.id)?.members.length;
    if (size !== LARGE_TEAM) throw new Error(`the team has ${size} members after seeding, not ${LARGE_TEAM}`);
    console.log(
      `  data: the owner (admin) and ${SMALL_TEAM - 1} members made through the API, ${small.online} of them online; then ` +
        `${seeded.length.toLocaleString('en-US')} members seeded into the database, ${SEEDED_ONLINE} of them online too (forged tokens)`,
    );
    const tokens = [...members.map((m) => m.token), ...seeded.slice(0, SEEDED_ONLINE).map((id) => forgeToken(id))];
    const large = await patchRound(target, owner, task.id, tokens, LARGE_TEAM);
    for (const p of ['p50', 'p95'] as const) {
      const ratio = large.timing[p] / small.timing[p];
      report(
        `${label} team task PATCH ${p}, 10,000 vs 10 members (ms)`,
        fmt(large.timing[p]),
        fmt(small.timing[p]),
        fmt(ratio, 2),
        p === 'p50' ? '≤ 2.00' : '',
        p === 'p50' ? ratio <= 2 : null,
      );
    }
    for (const [round, teamSize] of [
      [small, SMALL_TEAM],
      [large, LARGE_TEAM],
    ] as const) {
      const metric = `${label} online members who received all ${round.events} PATCH events, ${teamSize.toLocaleString('en-US')} members`;
      report(metric, `${round.received}/${round.online}`, '', '', 'all', round.received === round.online);
    }
    console.log(`  (${machineLoad()})`);
  } finally {
    await target.dispose();
  }
}
