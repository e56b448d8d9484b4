import type { Api, TestUser } from '../../support/api';
import type { LoggedEventType, SharePermission, TaskEventType, TaskStatus, TeamRole } from '@taskpulse/contract';
import { AudienceModel, type ModelTask, type ModelTeam, type Recipients } from '@taskpulse/test-support';
import { pick } from '../../support/prng';

/** An event an operation must cause, and who must receive it (with the permission each has afterwards). */
export interface ExpectedEvent {
  mutationId: string;
  type: LoggedEventType;
  audience: Recipients;
  /** What tells apart several events of one request (a team's end: each task, then the member): a task or member id. */
  subject?: string;
}

/** The identity of an expected event, and of a received message: its request, type and (when given) subject. */
export function eventKey(mutationId: string, type: string, subject?: string | null): string {
  return `${mutationId}|${type}|${subject ?? ''}`;
}

export interface Operation {
  kind: string;
  /** Sends the request and updates the model; returns the events it must cause (none: null). */
  run(): Promise<ExpectedEvent | ExpectedEvent[] | null>;
}

/**
 * Random but valid-by-the-model operations (plus some the server must refuse), each applied to the model only
 * after the server answered as the model predicted, so model and server walk in step.
 */
export class RandomOperations {
  /** Statuses are not the model's business (they change no audience), but decide complete vs reopen. */
  private readonly statuses = new Map<string, TaskStatus>();
  /** Assignees per task (they stay assigned if they lose sight of it; notifications then skip them). */
  private readonly assignees = new Map<string, string[]>();
  /** The comments still on each task, with their authors. */
  private readonly comments = new Map<string, Array<{ id: string; authorId: string }>>();

  constructor(
    private readonly api: Api,
    private readonly users: TestUser[],
    private readonly world: AudienceModel,
    private readonly random: () => number,
  ) {}

  next(index: number): Operation {
    const mutationId = `iso-${index}`;
    const weighted: [number, () => Operation | null][] = [
      [12, () => this.createTask(mutationId)],
      [18, () => this.updateTask(mutationId)],
      [10, () => this.share(mutationId)],
      [7, () => this.unshare(mutationId)],
      [10, () => this.moveTask(mutationId)],
      [4, () => this.deleteTask(mutationId)],
      [this.liveTeams() < 3 ? 8 : this.liveTeams() < 6 ? 3 : 0, () => this.createTeam(mutationId)],
      [8, () => this.addMember(mutationId)],
      [6, () => this.removeMember(mutationId)],
      [6, () => this.forbidden(mutationId)],
      [8, () => this.assign(mutationId)],
      [10, () => this.comment(mutationId)],
      [3, () => this.editOrDeleteComment(mutationId)],
    ];
    const total = weighted.reduce((sum, [weight]) => sum + weight, 0);
    for (;;) {
      let roll = this.random() * total;
      for (const [weight, make] of weighted) {
        roll -= weight;
        if (roll < 0) {
          const operation = make();
          if (operation) return operation;
          break;
        }
      }
    }
  }

  createTask(mutationId: string, as?: TestUser): Operation {
    const actor = as ?? this.anyUser();
    const teams = this.world.teamsOf(actor.id);
    const teamId = teams.length > 0 && this.random() < 0.5 ? pick(this.random, teams).id : null;
    return {
      kind: 'create task',
      run: async () => {
        const answer = await this.send(
          actor,
          'POST',
          '/api/tasks',
          { title: `t-${mutationId}`, ...(teamId ? { teamId } : {}) },
          mutationId,
          201,
        );
        const taskId: string = answer.body.id;
        this.statuses.set(taskId, 'pending');
        const audience = this.world.changeTask(taskId, () => this.world.putTask(taskId, actor.id, teamId));
        return { mutationId, type: 'task_created', audience };
      },
    };
  }

  private updateTask(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const editors = this.users.filter((u) => ['owner', 'team', 'edit'].includes(this.world.permission(task.id, u.id) ?? ''));
    const actor = pick(this.random, editors);
    const toggle = this.random() < 0.4;
    const status = this.statuses.get(task.id) === 'pending' ? 'completed' : 'pending';
    const type: TaskEventType = !toggle ? 'task_updated' : status === 'completed' ? 'task_completed' : 'task_reopened';
    const body = toggle ? { status } : { title: `t-${mutationId}` };
    return this.taskChange('update task', mutationId, task, actor, 'PATCH', `/api/tasks/${task.id}`, body, 200, type, () => {
      if (toggle) this.statuses.set(task.id, status);
    });
  }

  private share(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const owner = this.user(task.ownerId);
    const target = pick(
      this.random,
      this.users.filter((u) => u.id !== owner.id),
    );
    const permission: SharePermission = this.random() < 0.5 ? 'view' : 'edit';
    const body = { email: target.email, permission };
    const isNew = !task.shares.has(target.id);
    const change = this.taskChange('share', mutationId, task, owner, 'POST', `/api/tasks/${task.id}/shares`, body, 201, 'task_shared', () =>
      this.world.setShare(task.id, target.id, permission),
    );
    return {
      kind: change.kind,
      run: async () => {
        const shared = (await change.run()) as ExpectedEvent;
        return isNew ? [shared, this.notification(mutationId, 'shared', target.id)] : shared;
      },
    };
  }

  /** Someone who may edit sets the assignees to people who see the task; those newly assigned (but the actor) are told. */
  private assign(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const audience = [...this.world.audienceOf(task.id).keys()];
    const editors = this.users.filter((u) => ['owner', 'team', 'edit'].includes(this.world.permission(task.id, u.id) ?? ''));
    const actor = pick(this.random, editors);
    const chosen = audience.filter(() => this.random() < 0.4);
    const before = this.assignees.get(task.id) ?? [];
    if (JSON.stringify(chosen) === JSON.stringify(before)) return null;
    const change = this.taskChange(
      'assign',
      mutationId,
      task,
      actor,
      'PATCH',
      `/api/tasks/${task.id}`,
      { assigneeIds: chosen },
      200,
      'task_updated',
      () => this.assignees.set(task.id, chosen),
    );
    return {
      kind: change.kind,
      run: async () => {
        const updated = (await change.run()) as ExpectedEvent;
        const added = chosen.filter((id) => !before.includes(id) && id !== actor.id);
        return [updated, ...added.map((id) => this.notification(mutationId, 'assigned', id))];
      },
    };
  }

  /** Anyone who sees the task comments (view too), mentioning some who see it; the owner and assignees who see it are told. */
  private comment(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const audience = this.world.audienceOf(task.id);
    const actor = this.user(pick(this.random, [...audience.keys()]));
    const mentions = [...audience.keys()].filter(() => this.random() < 0.25);
    return {
      kind: 'comment',
      run: async () => {
        const answer = await this.send(
          actor,
          'POST',
          `/api/tasks/${task.id}/comments`,
          { body: `c-${mutationId}`, mentions },
          mutationId,
          201,
        );
        this.comments.set(task.id, [...(this.comments.get(task.id) ?? []), { id: answer.body.id, authorId: actor.id }]);
        const events: ExpectedEvent[] = [{ mutationId, type: 'comment_added', audience: new Map(audience), subject: task.id }];
        for (const id of mentions.filter((m) => m !== actor.id)) events.push(this.notification(mutationId, 'mentioned', id));
        const concerned = [task.ownerId, ...(this.assignees.get(task.id) ?? [])].filter((id) => audience.has(id));
        for (const id of new Set(concerned))
          if (id !== actor.id && !mentions.includes(id)) events.push(this.notification(mutationId, 'commented', id));
        return events;
      },
    };
  }

  /** The author edits a comment, or the author / owner deletes it; the task's audience hears it. */
  private editOrDeleteComment(mutationId: string): Operation | null {
    const task = this.anyTask((t) => (this.comments.get(t.id) ?? []).some((c) => this.world.permission(t.id, c.authorId) !== null));
    if (!task) return null;
    const list = this.comments.get(task.id) ?? [];
    const comment = pick(
      this.random,
      list.filter((c) => this.world.permission(task.id, c.authorId) !== null),
    );
    const audience = this.world.audienceOf(task.id);
    const remove = this.random() < 0.5;
    const actor = this.user(remove && this.random() < 0.5 ? task.ownerId : comment.authorId);
    const path = `/api/tasks/${task.id}/comments/${comment.id}`;
    return {
      kind: remove ? 'delete comment' : 'edit comment',
      run: async () => {
        await this.send(
          actor,
          remove ? 'DELETE' : 'PATCH',
          path,
          remove ? undefined : { body: `edited ${mutationId}` },
          mutationId,
          remove ? 204 : 200,
        );
        if (remove)
          this.comments.set(
            task.id,
            list.filter((c) => c !== comment),
          );
        return { mutationId, type: remove ? 'comment_deleted' : 'comment_edited', audience: new Map(audience), subject: task.id };
      },
    };
  }

  /** A notification to one user only. */
  private notification(mutationId: string, kind: string, userId: string): ExpectedEvent {
    return { mutationId, type: 'notification_created', audience: new Map([[userId, null]]), subject: `${kind}:${userId}` };
  }

  private unshare(mutationId: string): Operation | null {
    const task = this.anyTask((t) => t.shares.size > 0);
    if (!task) return null;
    const targetId = pick(this.random, [...task.shares.keys()]);
    const actor = this.user(this.random() < 0.5 ? task.ownerId : targetId);
    const path = `/api/tasks/${task.id}/shares/${targetId}`;
    return this.taskChange('unshare', mutationId, task, actor, 'DELETE', path, undefined, 204, 'task_unshared', () =>
      this.world.setShare(task.id, targetId, null),
    );
  }

  private moveTask(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const movers = this.users.filter((u) => u.id === task.ownerId || this.world.roleIn(task.teamId, u.id) === 'admin');
    const actor = pick(this.random, movers);
    const destinations: (string | null)[] = [null, ...this.world.teamsOf(actor.id).map((t) => t.id)].filter((id) => id !== task.teamId);
    if (destinations.length === 0) return null;
    const teamId = pick(this.random, destinations);
    return this.taskChange('move task', mutationId, task, actor, 'PATCH', `/api/tasks/${task.id}`, { teamId }, 200, 'task_updated', () =>
      this.world.putTask(task.id, task.ownerId, teamId),
    );
  }

  private deleteTask(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const deleters = this.users.filter((u) => u.id === task.ownerId || this.world.roleIn(task.teamId, u.id) === 'admin');
    const actor = pick(this.random, deleters);
    return this.taskChange('delete task', mutationId, task, actor, 'DELETE', `/api/tasks/${task.id}`, undefined, 204, 'task_deleted', () =>
      this.world.deleteTask(task.id),
    );
  }

  private createTeam(mutationId: string): Operation {
    const actor = this.anyUser();
    return {
      kind: 'create team',
      run: async () => {
        const answer = await this.send(actor, 'POST', '/api/teams', { name: `team-${mutationId}` }, mutationId, 201);
        const teamId: string = answer.body.id;
        const audience = this.world.changeTeam(teamId, () => this.world.setMember(teamId, actor.id, 'admin'));
        return { mutationId, type: 'team_member_added', audience };
      },
    };
  }

  private addMember(mutationId: string): Operation | null {
    const team = this.anyTeam((t) => [...t.members.values()].includes('admin'));
    if (!team) return null;
    const admin = this.user(
      pick(
        this.random,
        [...team.members].filter(([, role]) => role === 'admin'),
      )[0],
    );
    const target = this.anyUser();
    const role: TeamRole = this.random() < 0.25 ? 'admin' : 'member';
    const current = team.members.get(target.id);
    const refused = current === 'admin' && role === 'member' && AudienceModel.wouldLoseLastAdmin(team, target.id);
    return {
      kind: refused ? 'add member (refused: last admin)' : current === role ? 'add member (no change)' : 'add member',
      run: async () => {
        await this.send(admin, 'POST', `/api/teams/${team.id}/members`, { email: target.email, role }, mutationId, refused ? 409 : 201);
        if (refused || current === role) return null;
        const audience = this.world.changeTeam(team.id, () => this.world.setMember(team.id, target.id, role));
        const added: ExpectedEvent = { mutationId, type: 'team_member_added', audience };
        return current || target.id === admin.id ? added : [added, this.notification(mutationId, 'added_to_team', target.id)];
      },
    };
  }

  private removeMember(mutationId: string): Operation | null {
    const team = this.anyTeam((t) => t.members.size > 0);
    if (!team) return null;
    const targetId = pick(this.random, [...team.members.keys()]);
    const admins = [...team.members].filter(([id, role]) => role === 'admin' && id !== targetId).map(([id]) => id);
    const actorId = admins.length > 0 && this.random() < 0.6 ? pick(this.random, admins) : targetId;
    const refused = AudienceModel.wouldLoseLastAdmin(team, targetId);
    const last = !refused && team.members.size === 1;
    return {
      kind: refused
        ? 'remove member (refused: last admin)'
        : last
          ? 'leave team (the last one: it ends)'
          : actorId === targetId
            ? 'leave team'
            : 'remove member',
      run: async () => {
        await this.send(
          this.user(actorId),
          'DELETE',
          `/api/teams/${team.id}/members/${targetId}`,
          undefined,
          mutationId,
          refused ? 409 : 204,
        );
        if (refused) return null;
        // The last member out ends the team: each of its tasks becomes its owner's personal task first.
        const events: ExpectedEvent[] = [];
        if (last) {
          for (const task of [...this.world.tasks.values()].filter((t) => t.teamId === team.id)) {
            const audience = this.world.changeTask(task.id, () => this.world.putTask(task.id, task.ownerId, null));
            events.push({ mutationId, type: 'task_updated', audience, subject: task.id });
          }
        }
        const audience = this.world.changeTeam(team.id, () => this.world.setMember(team.id, targetId, null));
        events.push({ mutationId, type: 'team_member_removed', audience, subject: targetId });
        if (last) this.world.teams.delete(team.id);
        return events;
      },
    };
  }

  /** Requests the server must refuse without recording anything. */
  private forbidden(mutationId: string): Operation | null {
    const task = this.anyTask();
    if (!task) return null;
    const actor = this.anyUser();
    const permission = this.world.permission(task.id, actor.id);
    if (permission === null) {
      return this.refusal('edit an invisible task (404)', actor, 'PATCH', `/api/tasks/${task.id}`, { title: 'x' }, mutationId, 404);
    }
    if (permission === 'view') {
      return this.refusal('edit with a view share (403)', actor, 'PATCH', `/api/tasks/${task.id}`, { title: 'x' }, mutationId, 403);
    }
    if (permission !== 'owner') {
      const body = { email: actor.email, permission: 'edit' };
      return this.refusal('share a task one does not own (403)', actor, 'POST', `/api/tasks/${task.id}/shares`, body, mutationId, 403);
    }
    return null;
  }

  private refusal(
    kind: string,
    actor: TestUser,
    method: string,
    path: string,
    body: unknown,
    mutationId: string,
    status: number,
  ): Operation {
    return { kind, run: async () => (await this.send(actor, method, path, body, mutationId, status), null) };
  }

  private taskChange(
    kind: string,
    mutationId: string,
    task: ModelTask,
    actor: TestUser,
    method: string,
    path: string,
    body: unknown,
    status: number,
    type: TaskEventType,
    apply: () => void,
  ): Operation {
    return {
      kind,
      run: async () => {
        await this.send(actor, method, path, body, mutationId, status);
        return { mutationId, type, audience: this.world.changeTask(task.id, apply) };
      },
    };
  }

  private async send(actor: TestUser, method: string, path: string, body: unknown, mutationId: string, status: number) {
    const answer = await this.api.request(method, path, { token: actor.token, body, headers: { 'x-mutation-id': mutationId } });
    if (answer.status !== status) {
      throw new Error(
        `${mutationId} ${method} ${path} answered ${answer.status}, the model expected ${status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer;
  }

  private liveTeams(): number {
    return [...this.world.teams.values()].filter((team) => team.members.size > 0).length;
  }

  private user(id: string): TestUser {
    return this.users.find((u) => u.id === id) as TestUser;
  }

  private anyUser(): TestUser {
    return pick(this.random, this.users);
  }

  private anyTask(filter: (task: ModelTask) => boolean = () => true): ModelTask | undefined {
    const tasks = [...this.world.tasks.values()].filter(filter);
    return tasks.length > 0 ? pick(this.random, tasks) : undefined;
  }

  private anyTeam(filter: (team: ModelTeam) => boolean): ModelTeam | undefined {
    const teams = [...this.world.teams.values()].filter(filter);
    return teams.length > 0 ? pick(this.random, teams) : undefined;
  }
}
