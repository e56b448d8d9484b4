import type { LoggedEventType, TaskDto, TaskEventType, TaskPermission, TeamEventType, TeamRole } from '@taskpulse/contract';

/** A task as stored in the log: the snapshot every recipient shares, before its own permission is added. */
export type TaskSnapshot = Omit<TaskDto, 'permission'>;

/**
 * One recipient of an event: a user, or a whole team (whoever is a member at that seq). A user may be reached by
 * several rows (their own and their teams'); the strongest permission wins, null (lost access) being the weakest.
 */
export interface EventRecipient {
  kind: 'user' | 'team';
  id: string;
  /** The permission on the task after the change; null when it can no longer be seen through this principal. */
  permission: TaskPermission | null;
}

/** One committed entry of the event log, as emitted after commit and as read back for replay. */
export interface EventLogEntry {
  seq: number;
  type: LoggedEventType;
  timestamp: string;
  actorId: string;
  taskId: string | null;
  teamId: string | null;
  mutationId: string | null;
  /** Task events: the task after the change (null once deleted). */
  task: TaskSnapshot | null;
  /** Team events: the member added or removed, and its role. */
  member: { userId: string; role: TeamRole | null } | null;
  recipients: EventRecipient[];
}

/** A change to a task, its shares or its team: every recipient gets the task as it is after the change. */
export interface TaskChange {
  type: TaskEventType;
  actorId: string;
  taskId: string;
  teamId: string | null;
  /** The task after the change; null when it was deleted. */
  task: TaskSnapshot | null;
  mutationId: string | null;
  recipients: EventRecipient[];
}

/**
 * Someone joined a team, changed role (`team_member_added` again) or left it. Its one recipient is the team: the
 * membership span written with it makes the member part of the team at this seq, whether joining or leaving.
 */
export interface MembershipChange {
  type: TeamEventType;
  actorId: string;
  teamId: string;
  /** The member added or removed; `role` is null on removal. */
  member: { userId: string; role: TeamRole | null };
  mutationId: string | null;
}

/** What a service records, inside its transaction. */
export type NewLogEvent = TaskChange | MembershipChange;

export function isMembershipChange(event: NewLogEvent): event is MembershipChange {
  return 'member' in event;
}

const rank: Record<TaskPermission, number> = { owner: 4, team: 3, edit: 2, view: 1 };

/** The rank of a permission for "strongest wins": 0 for none (lost access). */
export function permissionRank(permission: TaskPermission | null): number {
  return permission ? rank[permission] : 0;
}

export function permissionOfRank(value: number): TaskPermission | null {
  return (Object.keys(rank) as TaskPermission[]).find((p) => rank[p] === value) ?? null;
}
