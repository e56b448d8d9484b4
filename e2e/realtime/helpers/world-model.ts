import type { TestUser } from '../../support/api';
import type { LoggedEventType, SharePermission, TaskPermission, TeamRole } from '@taskpulse/contract';

export interface ModelTask {
  id: string;
  ownerId: string;
  teamId: string | null;
  status: 'pending' | 'completed';
  shares: Map<string, SharePermission>;
}

export interface ModelTeam {
  id: string;
  members: Map<string, TeamRole>;
}

/** Who must receive an event, with the permission each has afterwards (null: lost sight; 'member' for team events). */
export type Audience = Map<string, TaskPermission | null | 'member'>;

export interface ExpectedEvent {
  mutationId: string;
  type: LoggedEventType;
  audience: Audience;
}

/**
 * The test's own model of who may see what, written from the contract (owner ∪ shares ∪ team members; owner >
 * team > edit > view), independent of the server's audience code.
 */
export class WorldModel {
  readonly tasks = new Map<string, ModelTask>();
  readonly teams = new Map<string, ModelTeam>();

  constructor(readonly users: TestUser[]) {}

  permission(task: ModelTask, userId: string): TaskPermission | null {
    if (task.ownerId === userId) return 'owner';
    if (task.teamId && this.teams.get(task.teamId)?.members.has(userId)) return 'team';
    return task.shares.get(userId) ?? null;
  }

  /** Everyone who can see the task now, with their permission. */
  taskAudience(task: ModelTask | undefined): Map<string, TaskPermission> {
    const audience = new Map<string, TaskPermission>();
    if (!task) return audience;
    for (const user of this.users) {
      const permission = this.permission(task, user.id);
      if (permission) audience.set(user.id, permission);
    }
    return audience;
  }

  teamsOf(userId: string): ModelTeam[] {
    return [...this.teams.values()].filter((team) => team.members.has(userId));
  }

  roleIn(teamId: string | null, userId: string): TeamRole | null {
    return teamId ? this.teams.get(teamId)?.members.get(userId) ?? null : null;
  }

  /** Before ∪ after, each with its permission after. */
  static taskEventAudience(before: Map<string, TaskPermission>, after: Map<string, TaskPermission>): Audience {
    const audience: Audience = new Map(after);
    for (const userId of before.keys()) if (!after.has(userId)) audience.set(userId, null);
    return audience;
  }

  static teamEventAudience(before: Iterable<string>, after: Iterable<string>): Audience {
    return new Map([...before, ...after].map((userId) => [userId, 'member' as const]));
  }

  /** The last admin may not leave (or stop being admin) while others stay. */
  static wouldLoseLastAdmin(team: ModelTeam, userId: string): boolean {
    const others = [...team.members].filter(([id]) => id !== userId);
    return team.members.get(userId) === 'admin' && others.length > 0 && !others.some(([, role]) => role === 'admin');
  }
}
