// Other people's data, seeded straight into the database (through the API a million tasks would take hours):
// users, teams with members, tasks with text from the vocabulary, random status/priority/due dates, some in
// teams and some shared. Deterministic for a given seed, so runs compare.
import { randomUUID } from 'node:crypto';
import { pick } from '../../support/prng';
import { type Row, type SeedSink, unusablePasswordHash } from './seed-sink';
import { taskText } from './vocabulary';

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const BATCH = 20_000;
const TEAM_TASK_SHARE = 0.3;
const SHARED_TASK_SHARE = 0.05;
const SEARCH_WORD_SHARE = 0.05;

export interface ForeignPeople {
  userIds: string[];
  teams: Array<{ id: string; members: string[] }>;
  memberships: number;
}

export interface ForeignTasks {
  tasks: number;
  inTeams: number;
  shares: number;
  withWord: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `count` people who never log in (a dummy password hash): the bench forges their tokens when it needs them online. */
export async function seedUsers(sink: SeedSink, count: number, label: string): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const now = Date.now();
  const ids: string[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const rows: Row[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = randomUUID();
      ids.push(id);
      rows.push([id, `${label}-${i}-${tag}@example.com`, `${label} ${i}`, unusablePasswordHash, iso(now - 400 * DAY + i)]);
    }
    await sink.insert('users', rows);
  }
  return ids;
}

export async function seedMembers(sink: SeedSink, teamId: string, members: Array<[string, 'admin' | 'member']>): Promise<void> {
  const joinedAt = iso(Date.now() - 300 * DAY);
  for (let start = 0; start < members.length; start += BATCH) {
    await sink.insert(
      'team_members',
      members.slice(start, start + BATCH).map(([userId, role]) => [teamId, userId, role, joinedAt]),
    );
  }
}

/** `users` people in `teams` teams of 2 to 20 members each (the first an admin). */
export async function seedPeople(sink: SeedSink, random: () => number, users: number, teams: number): Promise<ForeignPeople> {
  const userIds = await seedUsers(sink, users, 'Person');
  const people: ForeignPeople = { userIds, teams: [], memberships: 0 };
  const teamRows: Row[] = [];
  const memberRows: Row[] = [];
  const now = Date.now();
  for (let t = 0; t < teams; t++) {
    const id = randomUUID();
    const members = new Set<string>();
    const size = 2 + Math.floor(random() * 19);
    while (members.size < size) members.add(pick(random, userIds));
    const list = [...members];
    teamRows.push([id, `Team ${t}`, list[0], iso(now - 350 * DAY)]);
    list.forEach((userId, i) => memberRows.push([id, userId, i === 0 || random() < 0.1 ? 'admin' : 'member', iso(now - 340 * DAY)]));
    people.teams.push({ id, members: list });
  }
  await sink.insert('teams', teamRows);
  for (let start = 0; start < memberRows.length; start += BATCH) await sink.insert('team_members', memberRows.slice(start, start + BATCH));
  people.memberships = memberRows.length;
  return people;
}

/** `count` more tasks of these people, created over the past year; ~30% in a team of their owner, ~5% shared. */
export async function seedTasks(sink: SeedSink, people: ForeignPeople, random: () => number, count: number): Promise<ForeignTasks> {
  const outcome: ForeignTasks = { tasks: count, inTeams: 0, shares: 0, withWord: 0 };
  const now = Date.now();
  for (let start = 0; start < count; start += BATCH) {
    const tasks: Row[] = [];
    const shares: Row[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = randomUUID();
      const team = random() < TEAM_TASK_SHARE ? pick(random, people.teams) : null;
      const ownerId = team ? pick(random, team.members) : pick(random, people.userIds);
      const withWord = random() < SEARCH_WORD_SHARE;
      const { title, description } = taskText(random, withWord);
      // In creation order, as a database that grew over the year holds them: the order of its pages follows time.
      const createdAt = now - YEAR + Math.floor(((i + random()) / count) * YEAR);
      const completedAt = random() < 0.35 ? createdAt + Math.floor(random() * (now - createdAt)) : null;
      const updatedAt = completedAt ?? createdAt + Math.floor(random() * Math.min(30 * DAY, now - createdAt));
      const dueDate = random() < 0.7 ? createdAt + Math.floor((random() * 65 - 5) * DAY) : null;
      const priority = random() < 0.2 ? 'high' : random() < 0.6 ? 'medium' : 'low';
      tasks.push([
        id,
        title,
        description,
        completedAt ? 'completed' : 'pending',
        priority,
        dueDate === null ? null : iso(dueDate),
        ownerId,
        team?.id ?? null,
        iso(createdAt),
        iso(updatedAt),
        completedAt === null ? null : iso(completedAt),
        1 + Math.floor(random() * 4),
      ]);
      if (team) outcome.inTeams += 1;
      if (withWord) outcome.withWord += 1;
      if (random() < SHARED_TASK_SHARE) {
        const recipients = new Set<string>();
        const wanted = 1 + Math.floor(random() * 3);
        while (recipients.size < wanted) {
          const userId = pick(random, people.userIds);
          if (userId !== ownerId) recipients.add(userId);
        }
        for (const userId of recipients) shares.push([id, userId, random() < 0.5 ? 'view' : 'edit', iso(updatedAt)]);
      }
    }
    await sink.insert('tasks', tasks);
    await sink.insert('task_shares', shares);
    outcome.shares += shares.length;
  }
  return outcome;
}
