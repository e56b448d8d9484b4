import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { query, UnitOfWork } from '../database/unit-of-work';
import type { TaskPermission } from '@taskpulse/contract';
import { EventEntity, EventRecipientEntity } from './event.entity';
import type { EventLogEntry, NewEvent } from './event-log-entry';

interface ReplayRow {
  seq: number | string;
  type: EventLogEntry['type'];
  task_id: string | null;
  team_id: string | null;
  actor_id: string;
  mutation_id: string | null;
  payload: string;
  created_at: string;
  permission: TaskPermission | null;
}

const RECIPIENT_BATCH = 200;

/** The event log: append inside the caller's transaction, read back for replay and gap filling, prune. */
@Injectable()
export class EventLogService {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Bumps the head (the row lock orders writers, so seq is gapless and commit order is seq order), then writes
   * the event and its recipients. Must be called inside `UnitOfWork.write`.
   */
  async appendInTransaction(manager: EntityManager, event: NewEvent): Promise<EventLogEntry> {
    const timestamp = new Date().toISOString();
    await manager.query('UPDATE event_head SET seq = seq + 1 WHERE id = 1');
    const [head] = await manager.query('SELECT seq FROM event_head WHERE id = 1');
    const seq = Number(head.seq);
    const payload = event.task !== null || event.member === null
      ? { task: event.task }
      : { member_id: event.member.userId, role: event.member.role };
    await manager.insert(EventEntity, {
      seq,
      type: event.type,
      taskId: event.taskId,
      teamId: event.teamId,
      actorId: event.actorId,
      mutationId: event.mutationId,
      payload: JSON.stringify(payload),
      createdAt: timestamp,
    });
    for (let i = 0; i < event.recipients.length; i += RECIPIENT_BATCH) {
      const batch = event.recipients.slice(i, i + RECIPIENT_BATCH);
      await manager.insert(EventRecipientEntity, batch.map((r) => ({ userId: r.userId, seq, permission: r.permission })));
    }
    return { ...event, seq, timestamp };
  }

  async head(manager?: EntityManager): Promise<number> {
    const read = async (m: EntityManager) => Number((await m.query('SELECT seq FROM event_head WHERE id = 1'))[0].seq);
    return manager ? read(manager) : this.uow.read(read);
  }

  /** The lowest seq still in the log (head + 1 when the log is empty). */
  async oldestRetained(): Promise<number> {
    return this.uow.read(async (m) => {
      const [row] = await m.query('SELECT MIN(seq) AS seq FROM events');
      if (row.seq !== null && row.seq !== undefined) return Number(row.seq);
      return (await this.head(m)) + 1;
    });
  }

  /** Events after `since` that `userId` received, oldest first, each with only that user as recipient. */
  async readForUser(userId: string, since: number, limit: number): Promise<EventLogEntry[]> {
    const rows = await this.uow.read((m) =>
      query<ReplayRow>(
        m,
        `SELECT e.seq, e.type, e.task_id, e.team_id, e.actor_id, e.mutation_id, e.payload, e.created_at, r.permission
         FROM event_recipients r JOIN events e ON e.seq = r.seq
         WHERE r.user_id = :userId AND r.seq > :since ORDER BY r.seq LIMIT :limit`,
        { userId, since, limit },
      ),
    );
    return rows.map((row) => this.toEntry(row, [{ userId, permission: row.permission }]));
  }

  /** Whole events (every recipient) with seq in [from, to], for filling a gap in live delivery. */
  async readRange(from: number, to: number): Promise<EventLogEntry[]> {
    return this.uow.read(async (m) => {
      const events = await query<Omit<ReplayRow, 'permission'>>(
        m,
        `SELECT seq, type, task_id, team_id, actor_id, mutation_id, payload, created_at FROM events
         WHERE seq >= :from AND seq <= :to ORDER BY seq`,
        { from, to },
      );
      const recipients = await query<{ seq: number | string; user_id: string; permission: TaskPermission | null }>(
        m,
        'SELECT seq, user_id, permission FROM event_recipients WHERE seq >= :from AND seq <= :to',
        { from, to },
      );
      const bySeq = new Map<number, EventLogEntry['recipients']>();
      for (const r of recipients) {
        const list = bySeq.get(Number(r.seq)) ?? [];
        list.push({ userId: r.user_id, permission: r.permission });
        bySeq.set(Number(r.seq), list);
      }
      return events.map((row) => this.toEntry({ ...row, permission: null }, bySeq.get(Number(row.seq)) ?? []));
    });
  }

  /** Deletes events older than `olderThan` (ISO time); returns how many went. */
  async prune(olderThan: string): Promise<number> {
    return this.uow.write(async (m) => {
      const [row] = await query<{ seq: number | string | null }>(
        m,
        'SELECT MAX(seq) AS seq FROM events WHERE created_at < :olderThan',
        { olderThan },
      );
      if (row.seq === null || row.seq === undefined) return 0;
      const upTo = Number(row.seq);
      await query(m, 'DELETE FROM event_recipients WHERE seq <= :upTo', { upTo });
      const [{ count }] = await query<{ count: number | string }>(m, 'SELECT COUNT(*) AS count FROM events WHERE seq <= :upTo', { upTo });
      await query(m, 'DELETE FROM events WHERE seq <= :upTo', { upTo });
      return Number(count);
    });
  }

  private toEntry(row: ReplayRow, recipients: EventLogEntry['recipients']): EventLogEntry {
    const payload = JSON.parse(row.payload);
    return {
      seq: Number(row.seq),
      type: row.type,
      timestamp: row.created_at,
      actorId: row.actor_id,
      taskId: row.task_id,
      teamId: row.team_id,
      mutationId: row.mutation_id,
      task: payload.task ?? null,
      member: 'member_id' in payload ? { userId: payload.member_id, role: payload.role ?? null } : null,
      recipients,
    };
  }
}
