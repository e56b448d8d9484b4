import { Injectable, Logger } from '@nestjs/common';
import type { EventLogEntry } from '../../event-log/event-log-entry';

/** What delivery hears from the bus: an entry committed by this process, or a hint that another one committed a seq. */
export interface EventBusSubscriber {
  entry(entry: EventLogEntry): void;
  /** Some instance committed `seq`: read what is missing up to it from this instance's own log. */
  hint(seq: number): void;
  /** Some instance ended sessions: read which from this instance's own database. */
  sessionsEnded?(): void;
}

/**
 * Carries committed log entries to every instance's delivery. Only this process's own entries travel whole;
 * between instances the bus carries only hints, and each instance reads the entries from its own database log, so
 * nothing on the bus can forge an event or move delivery past what was committed.
 */
export abstract class EventBus {
  /** True when every published entry reaches every subscriber (one process); otherwise delivery also polls the log. */
  abstract readonly reliable: boolean;
  abstract publish(entry: EventLogEntry): Promise<void>;
  /** Tells the other instances that sessions ended; each reads which from the database (nothing to do in one process). */
  abstract announceSessionsEnded(): Promise<void>;
  /** Returns the function that unsubscribes. */
  abstract subscribe(subscriber: EventBusSubscriber): () => void;
}

/** One process: publishing hands the entry straight to the subscribers. */
@Injectable()
export class InProcessEventBus extends EventBus {
  readonly reliable = true;
  private readonly logger = new Logger(InProcessEventBus.name);
  private readonly subscribers = new Set<EventBusSubscriber>();

  async publish(entry: EventLogEntry): Promise<void> {
    for (const subscriber of this.subscribers) {
      try {
        subscriber.entry(entry);
      } catch (error) {
        this.logger.error(`subscriber failed on seq ${entry.seq}: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
  }

  async announceSessionsEnded(): Promise<void> {
    // One process: the instance that ended the session has closed its sockets already.
  }

  /** Passes a hint from another instance to the subscribers. */
  hint(seq: number): void {
    for (const subscriber of this.subscribers) subscriber.hint(seq);
  }

  /** Passes another instance's "sessions ended" to the subscribers. */
  sessionsEnded(): void {
    for (const subscriber of this.subscribers) subscriber.sessionsEnded?.();
  }

  subscribe(subscriber: EventBusSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }
}
