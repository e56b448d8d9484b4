import type { LoggedEventType, TaskDto, TaskPermission, TeamRole } from '@taskpulse/contract';

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

export type NewEvent = Omit<EventLogEntry, 'seq' | 'timestamp'>;
