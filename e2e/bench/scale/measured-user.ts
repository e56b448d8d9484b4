// The user whose reads the data-scale phase times: everything they see is made through the API (their own tasks,
// a team with colleagues' tasks, tasks others shared with them), then given an age spread over the past year, as a
// year of use would have left it.
import { Api, type TestUser } from '../../support/api';
import { pick } from '../../support/prng';
import { inPool } from '../in-pool';
import type { SeedSink } from './seed-sink';
import { searchWord, taskText } from './vocabulary';

const DAY = 86_400_000;
export const OWN_TASKS = 200;
const OWN_TEAM_TASKS = 60;
const COLLEAGUES = 4;
const COLLEAGUE_TASKS = 10;
const SHARERS = 2;
const SHARED_WITH_ME = 20;
const SHARED_BY_ME = 10;

export interface MeasuredUser {
  user: TestUser;
  /** Every task the user can see (in the order they were planned), and which of them hold the search word. */
  tasks: string[];
  visible: Set<string>;
  withWord: Set<string>;
  summary: string;
}

interface TaskPlan {
  owner: TestUser;
  word: boolean;
  body: Record<string, unknown> & { teamId: string | null };
}

function planTask(random: () => number, owner: TestUser, teamId: string | null, wordChance: number): TaskPlan {
  const word = random() < wordChance;
  const dueDate = random() < 0.7 ? new Date(Date.now() + (random() * 60 - 30) * DAY).toISOString() : null;
  return { owner, word, body: { ...taskText(random, word), teamId, dueDate, priority: pick(random, ['low', 'medium', 'high']) } };
}

export async function createMeasuredUser(api: Api, random: () => number): Promise<MeasuredUser> {
  const user = await api.register({ name: 'Measured User' });
  const colleagues = await Promise.all(Array.from({ length: COLLEAGUES }, () => api.register()));
  const sharers = await Promise.all(Array.from({ length: SHARERS }, () => api.register()));
  const team = await api.createTeam(user, 'Measured team');
  for (const colleague of colleagues) await api.addMember(user, team.id, colleague);

  // Every random choice is made before the requests run concurrently, so a seed gives the same data every run.
  const own = Array.from({ length: OWN_TASKS }, (_, i) => planTask(random, user, i < OWN_TEAM_TASKS ? team.id : null, 0.1));
  const colleagueTeamTasks = colleagues.flatMap((c) => Array.from({ length: COLLEAGUE_TASKS }, () => planTask(random, c, team.id, 0.1)));
  const shared = Array.from({ length: SHARED_WITH_ME }, (_, i) => planTask(random, sharers[i % SHARERS], null, 0.2));
  const permissions = shared.map((): 'view' | 'edit' => (random() < 0.5 ? 'view' : 'edit'));
  const completed = own.filter(() => random() < 0.3);
  const plans = [...own, ...colleagueTeamTasks, ...shared];

  const made = new Map<TaskPlan, string>();
  await inPool(plans, 8, async (p) => made.set(p, (await api.createTask(p.owner, p.body)).id));
  const id = (p: TaskPlan) => made.get(p) as string;
  await inPool(shared, 8, (p, i) => api.share(p.owner, id(p), user, permissions[i]));
  await inPool(own.filter((p) => p.body.teamId === null).slice(0, SHARED_BY_ME), 8, (p) => api.share(user, id(p), colleagues[0], 'view'));
  await inPool(completed, 8, async (p) => {
    const answer = await api.request('PATCH', `/api/tasks/${id(p)}`, { token: user.token, body: { status: 'completed' } });
    if (answer.status !== 200) throw new Error(`completing a task failed: ${answer.status}`);
  });
  const tasks = plans.map(id);
  const withWord = new Set(plans.filter((p) => p.word).map(id));
  const summary =
    `measured user: ${OWN_TASKS} own tasks (${OWN_TEAM_TASKS} in their ${COLLEAGUES + 1}-member team, ${completed.length} completed, ` +
    `${SHARED_BY_ME} shared by them), ${COLLEAGUES * COLLEAGUE_TASKS} colleagues' team tasks, ${SHARED_WITH_ME} shared with them; ` +
    `"${searchWord}" in ${withWord.size} of their ${tasks.length} visible tasks`;
  return { user, tasks, visible: new Set(tasks), withWord, summary };
}

/** Spreads `created_at` of the user's visible tasks over the past year, so they sit among the foreign ones in time. */
export function ageMeasuredTasks(sink: SeedSink, measured: MeasuredUser, random: () => number): Promise<void> {
  const now = Date.now();
  return sink.backdate(measured.tasks.map((id) => [id, new Date(now - 60_000 - Math.floor(random() * 365 * DAY)).toISOString()]));
}
