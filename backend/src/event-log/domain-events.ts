import type { EventLogEntry } from './event-log-entry';

/** A task change (task, share or team move) committed to the log. */
export class TaskChangedEvent {
  static readonly eventName = 'task.changed' as const;
  constructor(readonly entry: EventLogEntry) {}
}

/** A team membership change committed to the log. */
export class TeamMembershipChangedEvent {
  static readonly eventName = 'team.membership-changed' as const;
  constructor(readonly entry: EventLogEntry) {}
}

/** Every domain event under the name it is emitted with: what an `@OnEvent` listener may subscribe to. */
export interface DomainEventMap {
  [TaskChangedEvent.eventName]: TaskChangedEvent;
  [TeamMembershipChangedEvent.eventName]: TeamMembershipChangedEvent;
}
