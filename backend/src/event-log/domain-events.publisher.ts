import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { type DomainEventMap, TaskChangedEvent, TeamMembershipChangedEvent } from './domain-events';
import type { EventLogEntry } from './event-log-entry';

/**
 * The one place domain events are emitted. EventLogService calls `committed` from an after-commit hook, so an
 * event goes out only for a change that was committed, once, in commit (= seq) order.
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  committed(entry: EventLogEntry): void {
    if (entry.member) this.emit(TeamMembershipChangedEvent.eventName, new TeamMembershipChangedEvent(entry));
    else this.emit(TaskChangedEvent.eventName, new TaskChangedEvent(entry));
  }

  private emit<K extends keyof DomainEventMap>(name: K, event: DomainEventMap[K]): void {
    this.emitter.emit(name, event);
  }
}
