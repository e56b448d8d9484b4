import type { SharePermission, TaskPermission, TeamRole } from '@taskpulse/contract';

/** What the database knows about one user and one task: the facts every permission is derived from. */
export interface AccessFacts {
  isOwner: boolean;
  /** The user's share of the task, if it was shared with them. */
  share: SharePermission | null;
  /** The user's role in the task's team, if the task has a team and they are in it. */
  teamRole: TeamRole | null;
}

/** A user's access to a task they can see. */
export interface Access {
  permission: TaskPermission;
  /** The user's role in the task's team, when they are a member. */
  teamRole: TeamRole | null;
}

const rank: Record<TaskPermission, number> = { owner: 4, team: 3, edit: 2, view: 1 };

/** Picks the stronger of two reasons to see a task: owner > team > edit > view. */
function strongest(a: TaskPermission | undefined, b: TaskPermission): TaskPermission {
  return a && rank[a] >= rank[b] ? a : b;
}

/** The one permission rule; null when none of the facts lets the user see the task. */
export function accessFrom(facts: AccessFacts): Access | null {
  let permission: TaskPermission | undefined = facts.isOwner ? 'owner' : undefined;
  if (facts.teamRole) permission = strongest(permission, 'team');
  if (facts.share) permission = strongest(permission, facts.share);
  return permission ? { permission, teamRole: facts.teamRole } : null;
}

export function canChange(permission: TaskPermission): boolean {
  return permission !== 'view';
}

/** Only the owner or an admin of the task's team may delete it or move it to another team. */
export function canDeleteOrReteam(access: Access): boolean {
  return access.permission === 'owner' || access.teamRole === 'admin';
}
