import type { LoggedEventType, TaskDto, TaskEventType, TaskPermission, TeamEventType, TeamRole } from '@taskpulse/contract';

/** A task as stored in the log: the snapshot every recipient shares, before its own permission is added. */
export type TaskSnapshot = Omit<TaskDto, 'permission'>;

export interface EventRecipient {
  userId: string;
  /** The recipient's permission on the task after the change; null when it can no longer see it. */
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

/** Someone joined a team, changed role (`team_member_added` again) or left it. */
export interface MembershipChange {
  type: TeamEventType;
  actorId: string;
  teamId: string;
  /** The member added or removed; `role` is null on removal. */
  member: { userId: string; role: TeamRole | null };
  mutationId: string | null;
  recipients: EventRecipient[];
}

/** What a service appends to the log, inside its transaction. */
export type NewLogEvent = TaskChange | MembershipChange;

export function isMembershipChange(event: NewLogEvent): event is MembershipChange {
  return 'member' in event;
}
