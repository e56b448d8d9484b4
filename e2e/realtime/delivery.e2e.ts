import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { connectAcked, SocketClient } from '../support/ws';
import type { LoggedEventType, TaskEventData, TaskPermission, TeamEventData } from '@taskpulse/contract';
import { barrier, loggedEvents, mutationOf, outOfOrder } from './helpers/events';

type Name = 'owner' | 'editor' | 'viewer' | 'teammate' | 'outsider';
/** A received change event, with the fields of either kind of data, to assert on. */
type Received = { event_type: LoggedEventType; seq: number; data: Partial<TaskEventData> & Partial<TeamEventData> };
const names: Name[] = ['owner', 'editor', 'viewer', 'teammate', 'outsider'];

/**
 * One task through its whole life, watched by its owner, an `edit` and a `view` share, a team mate and an
 * outsider: each step must reach exactly its audience (before ∪ after), with each recipient's own permission.
 */
describe('realtime delivery: every event type to exactly its audience', () => {
  let server: RunningServer;
  let api: Api;
  const users = {} as Record<Name, TestUser>;
  const sockets = {} as Record<Name, SocketClient>;
  let teamId: string;
  let taskId: string;

  beforeAll(async () => {
    server = await startServer();
    api = new Api(server.url);
    for (const name of names) users[name] = await api.register({ name });
    for (const name of names) sockets[name] = await connectAcked(server.wsUrl, { token: users[name].token });
  });

  afterAll(async () => {
    for (const name of names) sockets[name]?.close();
    await server?.dispose();
  });

  /** The label of each step's event by its seq: other recipients' copies carry no mutation id to tell them apart. */
  const labels = new Map<number, string>();

  /**
   * Runs a mutation tagged with `mutationId` as `actor` and waits until each expected recipient has its event: the
   * actor's own copy (the only one carrying the mutation id) gives its seq, which the others wait for.
   */
  async function step(
    mutationId: string,
    actor: Name,
    mutate: (headers: Record<string, string>) => Promise<{ status: number; body?: any }>,
    audience: Partial<Record<Name, TaskPermission | null | 'member'>>,
    type: LoggedEventType,
  ): Promise<Partial<Record<Name, Received>>> {
    const answer = await mutate({ 'x-mutation-id': mutationId });
    expect(answer.status).toBeLessThan(300);
    const own = (await sockets[actor].waitFor((m) => mutationOf(m) === mutationId, `${type} (${mutationId}) at the actor`)) as Received;
    labels.set(own.seq, mutationId);
    const received: Partial<Record<Name, Received>> = {};
    for (const name of Object.keys(audience) as Name[]) {
      received[name] = (await sockets[name].waitFor((m) => m.seq === own.seq, `${type} (${mutationId}) at the ${name}`)) as Received;
      expect(received[name]?.event_type).toBe(type);
      expect(received[name]?.data.mutation_id ?? null).toBe(name === actor ? mutationId : null);
    }
    return received;
  }

  const as = (name: Name, method: string, path: string, body?: unknown) => (headers: Record<string, string>) =>
    api.request(method, path, { token: users[name].token, body, headers });

  it('team_member_added on team creation reaches only the creator', async () => {
    const got = await step(
      'create-team',
      'owner',
      async (headers) => {
        const answer = await api.request('POST', '/api/teams', { token: users.owner.token, body: { name: 'Crew' }, headers });
        teamId = answer.body.id;
        return answer;
      },
      { owner: 'member' },
      'team_member_added',
    );
    expect(got.owner?.data).toMatchObject({
      team_id: teamId,
      user_id: users.owner.id,
      actor_id: users.owner.id,
      role: 'admin',
      mutation_id: 'create-team',
    });
  });

  it('team_member_added reaches the team and the new member', async () => {
    const added = await step(
      'add-member',
      'owner',
      (headers) =>
        api.request('POST', `/api/teams/${teamId}/members`, {
          token: users.owner.token,
          body: { email: users.teammate.email, role: 'member' },
          headers,
        }),
      { owner: 'member', teammate: 'member' },
      'team_member_added',
    );
    expect(added.teammate?.data).toMatchObject({ team_id: teamId, user_id: users.teammate.id, actor_id: users.owner.id, role: 'member' });
  });

  it('task_created reaches the owner and the team, each with its permission', async () => {
    const got = await step(
      'create-task',
      'owner',
      async (headers) => {
        const answer = await api.request('POST', '/api/tasks', { token: users.owner.token, body: { title: 'Ship it', teamId }, headers });
        taskId = answer.body.id;
        return answer;
      },
      { owner: 'owner', teammate: 'team' },
      'task_created',
    );
    expect(got.owner?.data).toMatchObject({ task_id: taskId, user_id: users.owner.id, team_id: teamId, mutation_id: 'create-task' });
    expect(got.owner?.data.task).toMatchObject({ id: taskId, title: 'Ship it', permission: 'owner', version: 1 });
    expect(got.teammate?.data.task).toMatchObject({ id: taskId, permission: 'team' });
  });

  it('task_shared reaches the old audience and the new share', async () => {
    await step(
      'share-edit',
      'owner',
      as('owner', 'POST', `/api/tasks/${taskId}/shares`, { email: users.editor.email, permission: 'edit' }),
      {
        owner: 'owner',
        teammate: 'team',
        editor: 'edit',
      },
      'task_shared',
    );
    const got = await step(
      'share-view',
      'owner',
      as('owner', 'POST', `/api/tasks/${taskId}/shares`, { email: users.viewer.email, permission: 'view' }),
      {
        owner: 'owner',
        teammate: 'team',
        editor: 'edit',
        viewer: 'view',
      },
      'task_shared',
    );
    expect(got.viewer?.data.task?.permission).toBe('view');
    expect(got.editor?.data.task?.permission).toBe('edit');
  });

  it("task_updated carries the actor and each recipient's permission; the mutation id only to the actor", async () => {
    const got = await step(
      'edit-title',
      'editor',
      as('editor', 'PATCH', `/api/tasks/${taskId}`, { title: 'Ship it now' }),
      {
        owner: 'owner',
        teammate: 'team',
        editor: 'edit',
        viewer: 'view',
      },
      'task_updated',
    );
    for (const [name, permission] of [
      ['owner', 'owner'],
      ['teammate', 'team'],
      ['editor', 'edit'],
      ['viewer', 'view'],
    ] as const) {
      expect(got[name]?.data).toMatchObject({ task_id: taskId, user_id: users.editor.id, team_id: teamId });
      expect(got[name]?.data.task).toMatchObject({ title: 'Ship it now', version: 2, permission });
    }
  });

  it('task_completed and task_reopened reach the same audience', async () => {
    const everyone = { owner: 'owner', teammate: 'team', editor: 'edit', viewer: 'view' } as const;
    const done = await step(
      'complete',
      'teammate',
      as('teammate', 'PATCH', `/api/tasks/${taskId}`, { status: 'completed' }),
      everyone,
      'task_completed',
    );
    expect(done.viewer?.data.task).toMatchObject({ status: 'completed', completedAt: expect.any(String) });
    const refused = await api.request('PATCH', `/api/tasks/${taskId}`, {
      token: users.viewer.token,
      body: { status: 'pending' },
      headers: { 'x-mutation-id': 'viewer-reopen' },
    });
    expect(refused.status).toBe(403);
    const reopened = await step(
      'reopen',
      'editor',
      as('editor', 'PATCH', `/api/tasks/${taskId}`, { status: 'pending' }),
      everyone,
      'task_reopened',
    );
    expect(reopened.owner?.data.task).toMatchObject({ status: 'pending', completedAt: null });
  });

  it('task_unshared reaches the removed share with task null', async () => {
    const got = await step(
      'unshare-viewer',
      'owner',
      as('owner', 'DELETE', `/api/tasks/${taskId}/shares/${users.viewer.id}`),
      {
        owner: 'owner',
        teammate: 'team',
        editor: 'edit',
        viewer: null,
      },
      'task_unshared',
    );
    expect(got.viewer?.data).toMatchObject({ task_id: taskId, task: null });
    expect(got.editor?.data.task?.permission).toBe('edit');
  });

  it('moving a task out of the team tells the team mate it lost it', async () => {
    const got = await step(
      'leave-team',
      'owner',
      as('owner', 'PATCH', `/api/tasks/${taskId}`, { teamId: null }),
      {
        owner: 'owner',
        teammate: null,
        editor: 'edit',
      },
      'task_updated',
    );
    expect(got.teammate?.data.task).toBeNull();
    expect(got.owner?.data).toMatchObject({ team_id: null });
    expect(got.owner?.data.task).toMatchObject({ teamId: null, permission: 'owner' });
  });

  it('team_member_removed reaches the team including the removed member', async () => {
    const got = await step(
      'remove-member',
      'owner',
      as('owner', 'DELETE', `/api/teams/${teamId}/members/${users.teammate.id}`),
      {
        owner: 'member',
        teammate: 'member',
      },
      'team_member_removed',
    );
    expect(got.teammate?.data).toMatchObject({ team_id: teamId, user_id: users.teammate.id, actor_id: users.owner.id });
  });

  it('task_deleted reaches everyone who could see it, with task null', async () => {
    const got = await step('delete', 'owner', as('owner', 'DELETE', `/api/tasks/${taskId}`), { owner: null, editor: null }, 'task_deleted');
    expect(got.owner?.data).toMatchObject({ task_id: taskId, task: null, mutation_id: 'delete' });
  });

  it('nobody received an event outside its audience, each once, in seq order', async () => {
    await barrier(
      api,
      names.map((name) => ({ user: users[name], client: sockets[name] })),
    );
    const expected: Record<Name, string[]> = {
      owner: [
        'create-team',
        'add-member',
        'create-task',
        'share-edit',
        'share-view',
        'edit-title',
        'complete',
        'reopen',
        'unshare-viewer',
        'leave-team',
        'remove-member',
        'delete',
      ],
      // Labels are the seqs of the steps' own events: the notifications a step also sends (added to a team, shared a
      // task) have seqs of their own, and the isolation property checks them.
      teammate: [
        'add-member',
        'create-task',
        'share-edit',
        'share-view',
        'edit-title',
        'complete',
        'reopen',
        'unshare-viewer',
        'leave-team',
        'remove-member',
      ],
      editor: ['share-edit', 'share-view', 'edit-title', 'complete', 'reopen', 'unshare-viewer', 'leave-team', 'delete'],
      viewer: ['share-view', 'edit-title', 'complete', 'reopen', 'unshare-viewer'],
      outsider: [],
    };
    for (const name of names) {
      const scenario = loggedEvents(sockets[name])
        .map((m) => labels.get(m.seq))
        .filter((label) => label !== undefined);
      expect({ name, scenario }).toEqual({ name, scenario: expected[name] });
      expect(outOfOrder(sockets[name])).toBe(0);
    }
  });
});
