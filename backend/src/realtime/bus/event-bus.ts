import { Injectable, Logger } from '@nestjs/common';
import type { EventLogEntry } from '../../event-log/event-log-entry';

export type EventBusHandler = (entry: EventLogEntry) => void;

/**
 * Carries committed log entries to every instance's delivery. In-process now; a Redis pub/sub implementation
 * (REDIS_URL) can take its place without touching delivery, which never trusts the bus for order or completeness.
 */
export abstract class EventBus {
  /** True when every published entry reaches every subscriber (one process); otherwise delivery also polls the log. */
  abstract readonly reliable: boolean;
  abstract publish(entry: EventLogEntry): Promise<void>;
  /** Returns the function that unsubscribes. */
  abstract subscribe(handler: EventBusHandler): () => void;
}

/** One process: publishing hands the entry straight to the subscribers. */
@Injectable()
export class InProcessEventBus extends EventBus {
  readonly reliable = true;
  private readonly logger = new Logger(InProcessEventBus.name);
  private readonly handlers = new Set<EventBusHandler>();

  async publish(entry: EventLogEntry): Promise<void> {
    for (const handler of this.handlers) {
      try {
        handler(entry);
      } catch (error) {
        this.logger.error(`subscriber failed on seq ${entry.seq}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  }

  subscribe(handler: EventBusHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
