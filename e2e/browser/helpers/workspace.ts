/** A believable workspace through the API: three people, two teams, tasks in every state, shares both ways. */
import { randomUUID } from 'node:crypto';
import { Api, TestUser } from '../../support/api';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Workspace {
  maya: TestUser;
  ben: TestUser;
  priya: TestUser;
  launchTeamId: string;
  webTeamId: string;
  onboardingTeamId: string;
  /** Task ids by title. */
  tasks: Map<string, string>;
}

/** End of the UTC day `days` from today: what the date picker stores. */
function dueIn(days: number): string {
  const end = new Date();
  end.setUTCHours(23, 59, 59, 999);
  return new Date(end.getTime() + days * DAY_MS).toISOString();
}

export async function seedWorkspace(api: Api): Promise<Workspace> {
  const tag = randomUUID().slice(0, 8);
  const [maya, ben, priya] = await Promise.all([
    api.register({ name: 'Maya Chen', email: `maya-${tag}@example.com` }),
    api.register({ name: 'Ben Okafor', email: `ben-${tag}@example.com` }),
    api.register({ name: 'Priya Sharma', email: `priya-${tag}@example.com` }),
  ]);
  const [launch, web, onboarding] = await Promise.all([
    api.createTeam(maya, 'Product launch'),
    api.createTeam(maya, 'Website redesign'),
    api.createTeam(maya, 'Customer onboarding'),
  ]);
  await Promise.all([
    api.addMember(maya, launch.id, ben),
    api.addMember(maya, launch.id, priya),
    api.addMember(maya, web.id, priya),
    api.addMember(maya, onboarding.id, ben),
  ]);

  const tasks = new Map<string, string>();
  const add = async (owner: TestUser, title: string, body: Record<string, unknown>, completed = false) => {
    const task = await api.createTask(owner, { title, ...body });
    tasks.set(title, task.id);
    if (completed) await setStatus(api, owner, task.id, 'completed');
  };
  // One after another, so "newest first" lists them in a stable order.
  await add(maya, 'Finalise pricing page copy', { teamId: launch.id, priority: 'high' }, true);
  await add(ben, 'Update the welcome email', { teamId: onboarding.id, priority: 'medium' }, true);
  await add(maya, 'Audit page load times', { teamId: web.id, priority: 'medium', dueDate: dueIn(-2) });
  await add(maya, 'Migrate the blog to the new layout', { teamId: web.id, priority: 'medium', dueDate: dueIn(7) });
  await add(maya, 'Renew the domain name', { priority: 'high', dueDate: dueIn(1) });
  await add(priya, 'Review the Q3 roadmap draft', { priority: 'medium', description: 'Comments by Friday, please.' });
  await add(maya, 'Set up the onboarding call template', { teamId: onboarding.id, priority: 'low', dueDate: dueIn(5) });
  await add(maya, 'Prepare the launch-day checklist', { teamId: launch.id, priority: 'high', dueDate: dueIn(3) });
  await add(maya, 'Record the demo video', { teamId: launch.id, priority: 'medium', dueDate: dueIn(0) });
  await add(ben, 'Write the release notes', {
    teamId: launch.id,
    priority: 'medium',
    description: 'Features, fixes and a thank-you to the beta testers.',
  });
  await add(maya, 'Brief the support team', { teamId: launch.id, priority: 'low' });
  await api.share(maya, tasks.get('Renew the domain name')!, ben, 'view');
  return { maya, ben, priya, launchTeamId: launch.id, webTeamId: web.id, onboardingTeamId: onboarding.id, tasks };
}

export async function setStatus(api: Api, user: TestUser, taskId: string, status: 'pending' | 'completed'): Promise<void> {
  const answer = await api.request('PATCH', `/api/tasks/${taskId}`, { token: user.token, body: { status } });
  if (answer.status !== 200) throw new Error(`setting ${taskId} to ${status} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
}
