import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { DomainEvents } from './domain-events.publisher';
import { type EventLogEntry, isMembershipChange, type NewLogEvent } from './event-log-entry';
import { EventLogRepository } from './event-log.repository';

/** The event log: append inside the caller's transaction, read back for replay and gap filling, prune. */
@Injectable()
export class EventLogService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: EventLogRepository,
    private readonly events: DomainEvents,
  ) {}

  /**
   * The one way to record a change: takes the next seq (as the transaction's last lock, so commit order is seq
   * order), writes the event and its recipients, and emits the domain event once the transaction has committed.
   * Must be called inside `UnitOfWork.write`.
   */
  async append(m: EntityManager, event: NewLogEvent): Promise<EventLogEntry> {
    const timestamp = new Date().toISOString();
    const seq = await this.repository.nextSeq(m);
    const common = { seq, timestamp, type: event.type, actorId: event.actorId, teamId: event.teamId, mutationId: event.mutationId };
    const entry: EventLogEntry = isMembershipChange(event)
      ? { ...common, taskId: null, task: null, member: event.member, recipients: event.recipients }
      : { ...common, taskId: event.taskId, task: event.task, member: null, recipients: event.recipients };
    await this.repository.insert(m, entry);
    this.uow.afterCommit(m, () => this.events.committed(entry));
    return entry;
  }

  async head(manager?: EntityManager): Promise<number> {
    return manager ? this.repository.head(manager) : this.uow.read((m) => this.repository.head(m));
  }

  /** The lowest seq still in the log (head + 1 when the log is empty). */
  async oldestRetained(): Promise<number> {
    return this.uow.read(async (m) => (await this.repository.oldestSeq(m)) ?? (await this.repository.head(m)) + 1);
  }

  /** Events after `since` that `userId` received, oldest first, each with only that user as recipient. */
  readForUser(userId: string, since: number, limit: number): Promise<EventLogEntry[]> {
    return this.uow.read((m) => this.repository.readForUser(m, userId, since, limit));
  }

  /** Whole events (every recipient) with seq in [from, to], for filling a gap in live delivery. */
  readRange(from: number, to: number): Promise<EventLogEntry[]> {
    return this.uow.read((m) => this.repository.readRange(m, from, to));
  }

  /** Deletes events older than `olderThan` (ISO time); returns how many went. */
  prune(olderThan: string): Promise<number> {
    return this.uow.write((m) => this.repository.deleteOlderThan(m, olderThan));
  }
}
