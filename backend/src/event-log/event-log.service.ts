import { Injectable } from '@nestjs/common';
import { type Row, type Sql, SqlDatabase, type Statement } from '../platform/database/sql-database';
import { DomainEvents } from './domain-events.publisher';
import { type EventLogEntry, type FieldChanges, isMembershipChange, type NewLogEvent, NO_ACTOR } from './event-log-entry';
import { EventLogRepository } from './event-log.repository';

/** What a change's work gets: its transaction, and the one way to record what it changed. */
export interface Change {
  tx: Sql;
  /** Queues an event for the log; it is written when the work is done, as the transaction's last statements. */
  record(event: NewLogEvent): void;
}

/** The event log: the transaction every change runs in, reads for replay and gap filling, pruning. */
@Injectable()
export class EventLogService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: EventLogRepository,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Runs `work` in one transaction; the events it records are appended last (the head bump is the last lock taken,
   * so writers to different tasks overlap until then), and emitted once the transaction has committed, in seq
   * order. Nothing is emitted for a change that rolls back or records nothing.
   */
  async write<T>(work: (change: Change) => Promise<T>): Promise<T> {
    const { result, entries } = await this.db.write(async (tx) => {
      const recorded: NewLogEvent[] = [];
      const result = await work({ tx, record: (event) => recorded.push(event) });
      return { result, entries: recorded.length > 0 ? await this.append(tx, recorded) : [] };
    });
    for (const entry of entries) this.events.committed(entry);
    return result;
  }

  /** Reads `statements` and the log head from one snapshot: "fetch, then connect with since=seq" misses nothing. */
  async readWithHead(statements: readonly Statement[]): Promise<{ results: Row[][]; head: number }> {
    const results = await this.db.read([...statements, this.repository.headStatement]);
    return { results: results.slice(0, -1), head: this.repository.head(results[results.length - 1]) };
  }

  async head(): Promise<number> {
    return this.repository.head(await this.db.query(this.repository.headStatement.sql));
  }

  /** The head, the oldest seq still kept, and the teams of `userId`, all as of one moment. */
  async snapshotFor(userId: string): Promise<{ head: number; oldestRetained: number; teams: string[] }> {
    const [head, oldest, teams] = await this.db.read([
      this.repository.headStatement,
      this.repository.oldestRetainedStatement,
      this.repository.teamsOfStatement(userId),
    ]);
    return { head: this.repository.head(head), oldestRetained: Number(oldest[0].seq), teams: teams.map((row) => String(row.team_id)) };
  }

  /** How many events `userId` received in (since, upTo], or `cap + 1` when more. */
  async countReceived(userId: string, since: number, upTo: number, cap: number): Promise<number> {
    const [rows] = await this.db.read([this.repository.countReceivedStatement(userId, since, upTo, cap)]);
    return Number(rows[0].n);
  }

  /** Events in (since, upTo] that `userId` received, oldest first, each with that user as its only recipient. */
  async readForUser(userId: string, since: number, upTo: number, limit: number): Promise<EventLogEntry[]> {
    return (await this.readPageForUser(userId, since, upTo, limit)).entries;
  }

  /** A page of `readForUser` with the oldest seq the log kept when it was read: a page after a prune is incomplete. */
  async readPageForUser(
    userId: string,
    since: number,
    upTo: number,
    limit: number,
  ): Promise<{ entries: EventLogEntry[]; oldestRetained: number }> {
    const [rows, oldest] = await this.db.read([
      this.repository.readForUserStatement(userId, since, upTo, limit),
      this.repository.oldestRetainedStatement,
    ]);
    return { entries: this.repository.toUserEntries(rows, userId), oldestRetained: Number(oldest[0].seq) };
  }

  /** The newest events (at most `limit`) `userId` received before seq `before`, newest first, as replay reads them. */
  async readRecentForUser(userId: string, before: number, limit: number): Promise<EventLogEntry[]> {
    const [spanRows] = await this.db.read([this.repository.spansOfStatement(userId)]);
    const spans = (spanRows as Array<{ team_id: string; from_seq: number | string; to_seq: number | string | null }>).map((row) => ({
      teamId: row.team_id,
      from: Number(row.from_seq),
      to: row.to_seq === null ? null : Number(row.to_seq),
    }));
    const [rows] = await this.db.read([this.repository.recentForUserStatement(userId, spans, before, limit)]);
    return this.repository.toUserEntries(rows, userId);
  }

  /** The lowest seq still in the log (head + 1 when the log is empty). */
  async oldestRetained(): Promise<number> {
    const [rows] = await this.db.read([this.repository.oldestRetainedStatement]);
    return Number(rows[0].seq);
  }

  /** Whole events (every recipient) with seq in [from, to], for filling a gap in live delivery. */
  async readRange(from: number, to: number): Promise<EventLogEntry[]> {
    const [events, recipients] = await this.db.read(this.repository.readRangeStatements(from, to));
    return this.repository.toEntries(events, recipients);
  }

  /**
   * The entries in [from, to] that the log has, with its head at that moment: a seq above the head has not been
   * committed (whatever a message on the bus claims), one at or below it and missing was pruned.
   */
  async readRangeUpToHead(from: number, to: number): Promise<{ entries: EventLogEntry[]; head: number }> {
    const { results, head } = await this.readWithHead(this.repository.readRangeStatements(from, to));
    return { entries: this.repository.toEntries(results[0], results[1]), head };
  }

  /** Deletes events older than `olderThan` (ISO time); returns how many went. */
  prune(olderThan: string): Promise<number> {
    return this.db.write((tx) => this.repository.deleteOlderThan(tx, olderThan));
  }

  private async append(tx: Sql, recorded: NewLogEvent[]): Promise<EventLogEntry[]> {
    const timestamp = new Date().toISOString();
    const names = await this.repository.actorNames(tx, [...new Set(recorded.map((event) => event.actorId))]);
    const unsequenced = recorded.map((event) => {
      const actor = event.actorId === NO_ACTOR ? null : { id: event.actorId, name: names.get(event.actorId) ?? '' };
      const entry: Omit<EventLogEntry, 'seq'> & { history?: FieldChanges } = isMembershipChange(event)
        ? {
            ...event,
            actor,
            timestamp,
            taskId: null,
            task: null,
            detail: null,
            recipients: [{ kind: 'team' as const, id: event.teamId, permission: null }],
          }
        : { task: null, detail: null, ...event, actor, timestamp, member: null };
      return entry;
    });
    const first = await this.repository.append(tx, unsequenced);
    return unsequenced.map(({ history: _history, ...event }, i) => ({ ...event, seq: first + i }));
  }
}
