import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { TaskChangedEvent, TeamMembershipChangedEvent } from '../event-log/domain-events';
import type { EventLogEntry } from '../event-log/event-log-entry';
import { EventBus } from './bus/event-bus';

/** Puts every committed change on the event bus. Never throws back into the unit of work that committed it. */
@Injectable()
export class DomainEventsListener {
  private readonly logger = new Logger(DomainEventsListener.name);

  constructor(private readonly bus: EventBus) {}

  @OnEvent(TaskChangedEvent.eventName)
  onTaskChanged(event: TaskChangedEvent): void {
    this.publish(event.entry);
  }

  @OnEvent(TeamMembershipChangedEvent.eventName)
  onMembershipChanged(event: TeamMembershipChangedEvent): void {
    this.publish(event.entry);
  }

  private publish(entry: EventLogEntry): void {
    this.bus.publish(entry).catch((error: unknown) => {
      this.logger.error(`publishing seq ${entry.seq} failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  }
}
