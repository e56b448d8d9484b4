/**
 * The tests' own model of who may see which task, written from the contract and independent of the server's access
 * code: a task's audience is its owner ∪ its share recipients ∪ the members of its team, each with the strongest
 * reason (owner > team > edit > view). The recipients of a change are the audience before ∪ after, each with its
 * permission after, or null for whoever lost sight of the task; a team change goes to the members before ∪ after.
 */

// The contract's TaskPermission, SharePermission and TeamRole, spelled out so this package builds on its own at
// install time (workspaces are built in no guaranteed order); the suites compare them with the contract's types.
export type Permission = 'owner' | 'team' | 'edit' | 'view';
export type SharePermission = 'view' | 'edit';
export type TeamRole = 'admin' | 'member';

const rank: Record<Permission, number> = { owner: 4, team: 3, edit: 2, view: 1 };

export interface ModelTask {
  readonly id: string;
  ownerId: string;
  teamId: string | null;
  readonly shares: Map<string, SharePermission>;
}

export interface ModelTeam {
  readonly id: string;
  readonly members: Map<string, TeamRole>;
}

/** Who must receive an event: each recipient with its permission after it, or null (lost sight; team events). */
export type Recipients = Map<string, Permission | null>;

/** The share a `task_shared` / `task_unshared` event changed (shares are not in the event's payload). */
export interface ShareChange {
  userId: string;
  /** null: the share was removed. */
  permission: SharePermission | null;
}

/** A logged event as far as the model reads it: a task event carries the task's snapshot, a team event the member. */
export interface ModelEvent {
  seq: number;
  type: string;
  taskId: string | null;
  teamId: string | null;
  payload: { task?: Record<string, unknown> | null; member_id?: string; role?: string | null };
}

export class AudienceModel {
  readonly tasks = new Map<string, ModelTask>();
  readonly teams = new Map<string, ModelTeam>();

  /** Everyone who may see the task now, with the strongest reason. */
  audienceOf(taskId: string): Map<string, Permission> {
    const audience = new Map<string, Permission>();
    const task = this.tasks.get(taskId);
    if (!task) return audience;
    const grant = (userId: string, permission: Permission) => {
      const current = audience.get(userId);
      if (!current || rank[permission] > rank[current]) audience.set(userId, permission);
    };
    grant(task.ownerId, 'owner');
    for (const [userId, permission] of task.shares) grant(userId, permission);
    if (task.teamId) for (const userId of this.teams.get(task.teamId)?.members.keys() ?? []) grant(userId, 'team');
    return audience;
  }

  permission(taskId: string, userId: string): Permission | null {
    return this.audienceOf(taskId).get(userId) ?? null;
  }

  teamsOf(userId: string): ModelTeam[] {
    return [...this.teams.values()].filter((team) => team.members.has(userId));
  }

  roleIn(teamId: string | null, userId: string): TeamRole | null {
    return teamId ? (this.teams.get(teamId)?.members.get(userId) ?? null) : null;
  }

  /** Applies `change` (one or more of the changes below) to one task and answers the recipients of its event. */
  changeTask(taskId: string, change: () => void): Recipients {
    const before = this.audienceOf(taskId);
    change();
    const recipients: Recipients = new Map(this.audienceOf(taskId));
    for (const userId of before.keys()) if (!recipients.has(userId)) recipients.set(userId, null);
    return recipients;
  }

  /** Applies `change` to one team and answers the recipients of its event: the members before ∪ after. */
  changeTeam(teamId: string, change: () => void): Recipients {
    const members = () => [...(this.teams.get(teamId)?.members.keys() ?? [])];
    const before = members();
    change();
    return new Map([...before, ...members()].map((userId) => [userId, null]));
  }

  /** Creates the task, or moves it to another team (or none), keeping its shares. */
  putTask(taskId: string, ownerId: string, teamId: string | null): void {
    const task = this.tasks.get(taskId);
    if (task) Object.assign(task, { ownerId, teamId });
    else this.tasks.set(taskId, { id: taskId, ownerId, teamId, shares: new Map() });
  }

  deleteTask(taskId: string): void {
    this.tasks.delete(taskId);
  }

  setShare(taskId: string, userId: string, permission: SharePermission | null): void {
    const shares = this.tasks.get(taskId)?.shares;
    if (!shares) throw new Error(`the model has no task ${taskId} to share`);
    if (permission) shares.set(userId, permission);
    else shares.delete(userId);
  }

  /** Adds the member or changes its role; null removes it (the team stays, possibly empty). */
  setMember(teamId: string, userId: string, role: TeamRole | null): void {
    const team = this.teams.get(teamId) ?? { id: teamId, members: new Map<string, TeamRole>() };
    this.teams.set(teamId, team);
    if (role) team.members.set(userId, role);
    else team.members.delete(userId);
  }

  /** Replays one event of the log, in seq order; `share` says which share a share/unshare event changed. */
  replay(event: ModelEvent, share: ShareChange | null): Recipients {
    if (event.type === 'team_member_added' || event.type === 'team_member_removed') {
      const teamId = event.teamId as string;
      const role = event.type === 'team_member_added' ? (event.payload.role as TeamRole) : null;
      return this.changeTeam(teamId, () => this.setMember(teamId, event.payload.member_id as string, role));
    }
    const taskId = event.taskId as string;
    return this.changeTask(taskId, () => {
      if (event.type === 'task_deleted') return this.deleteTask(taskId);
      const snapshot = event.payload.task as { ownerId: string; teamId: string | null };
      this.putTask(taskId, snapshot.ownerId, snapshot.teamId);
      if (event.type !== 'task_shared' && event.type !== 'task_unshared') return;
      if (!share) throw new Error(`seq ${event.seq}: ${event.type} without the share it changed`);
      this.setShare(taskId, share.userId, share.permission);
    });
  }

  /** The last admin may not leave (or stop being admin) while others stay. */
  static wouldLoseLastAdmin(team: ModelTeam, userId: string): boolean {
    const others = [...team.members].filter(([id]) => id !== userId);
    return team.members.get(userId) === 'admin' && others.length > 0 && !others.some(([, role]) => role === 'admin');
  }
}
