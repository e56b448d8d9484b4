import type {
  CommentDto,
  CommentEventType,
  EventActor,
  LoggedEventType,
  NotificationDto,
  NotificationEventType,
  TaskDto,
  TaskEventType,
  TaskPermission,
  TeamEventType,
  TeamRole,
} from '@taskpulse/contract';

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

/** The actor id of an event nobody caused (a due_soon notification): its `data.actor` is null. */
export const NO_ACTOR = '';

/** What an event carries besides a task or a member: comment, notification and team events. */
export type EventDetail =
  | { kind: 'comment'; commentId: string; comment: CommentDto | null; commentCount: number }
  | { kind: 'notification'; notification: NotificationDto }
  | { kind: 'read'; ids: string[] | null }
  | { kind: 'team'; name: string };

/** A task field's value before and after a change, by field: what the task's history keeps. */
export type FieldChanges = Record<string, [unknown, unknown]>;

/** One committed entry of the event log, as emitted after commit and as read back for replay. */
export interface EventLogEntry {
  seq: number;
  type: LoggedEventType;
  timestamp: string;
  actorId: string;
  /** The actor with their name (`data.actor`); null when nobody acted. */
  actor: EventActor | null;
  taskId: string | null;
  teamId: string | null;
  mutationId: string | null;
  /** Task events: the task after the change (null once deleted). */
  task: TaskSnapshot | null;
  /** Team events: the member added or removed, and its role. */
  member: { userId: string; role: TeamRole | null } | null;
  /** Comment, notification and team_updated events: what they carry. */
  detail: EventDetail | null;
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
  /** The fields it changed, `[old, new]`, kept in the task's history (task_history) for the task's whole life. */
  history?: FieldChanges;
}

/** A comment change (to the task's audience), a notification or its reading (to one user), a team's rename (to the team). */
export interface DetailChange {
  type: CommentEventType | NotificationEventType | 'team_updated';
  actorId: string;
  taskId: string | null;
  teamId: string | null;
  mutationId: string | null;
  detail: EventDetail;
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
export type NewLogEvent = TaskChange | MembershipChange | DetailChange;

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
