import type { EventLogEntry } from './event-log-entry';

/** Emitted by TaskService and SharingService after a task change has been committed to the log. */
export class TaskChangedEvent {
  static readonly eventName = 'task.changed';
  constructor(readonly entry: EventLogEntry) {}
}

/** Emitted by TeamService after a membership change has been committed to the log. */
export class TeamMembershipChangedEvent {
  static readonly eventName = 'team.membership-changed';
  constructor(readonly entry: EventLogEntry) {}
}
