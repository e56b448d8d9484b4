import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TaskPermission } from '@taskpulse/contract';
import { query } from '../platform/database/query';
import { EventEntity, EventRecipientEntity } from './event.entity';
import type { EventLogEntry, EventRecipient } from './event-log-entry';

interface EventRow {
  seq: number | string;
  type: EventLogEntry['type'];
  task_id: string | null;
  team_id: string | null;
  actor_id: string;
  mutation_id: string | null;
  payload: string;
  created_at: string;
}

const RECIPIENT_BATCH = 200;

/** Every statement on `event_head`, `events` and `event_recipients`, and the stored form of an entry. */
@Injectable()
export class EventLogRepository {
  /** Bumps the head and answers the new seq. The row lock orders writers: seq is gapless and in commit order. */
  async nextSeq(m: EntityManager): Promise<number> {
    await m.query('UPDATE event_head SET seq = seq + 1 WHERE id = 1');
    return this.head(m);
  }

  async insert(m: EntityManager, entry: EventLogEntry): Promise<void> {
    const payload = entry.member ? { member_id: entry.member.userId, role: entry.member.role } : { task: entry.task };
    await m.insert(EventEntity, {
      seq: entry.seq,
      type: entry.type,
      taskId: entry.taskId,
      teamId: entry.teamId,
      actorId: entry.actorId,
      mutationId: entry.mutationId,
      payload: JSON.stringify(payload),
      createdAt: entry.timestamp,
    });
    for (let i = 0; i < entry.recipients.length; i += RECIPIENT_BATCH) {
      const batch = entry.recipients.slice(i, i + RECIPIENT_BATCH);
      await m.insert(
        EventRecipientEntity,
        batch.map((r) => ({ userId: r.userId, seq: entry.seq, permission: r.permission })),
      );
    }
  }

  async head(m: EntityManager): Promise<number> {
    return Number((await m.query('SELECT seq FROM event_head WHERE id = 1'))[0].seq);
  }

  /** The lowest seq still in the log, or null when it is empty. */
  async oldestSeq(m: EntityManager): Promise<number | null> {
    const [row] = await m.query('SELECT MIN(seq) AS seq FROM events');
    return row.seq !== null && row.seq !== undefined ? Number(row.seq) : null;
  }

  /** Events after `since` that `userId` received, oldest first, each with only that user as recipient. */
  async readForUser(m: EntityManager, userId: string, since: number, limit: number): Promise<EventLogEntry[]> {
    const rows = await query<EventRow & { permission: TaskPermission | null }>(
      m,
      `SELECT e.seq, e.type, e.task_id, e.team_id, e.actor_id, e.mutation_id, e.payload, e.created_at, r.permission
       FROM event_recipients r JOIN events e ON e.seq = r.seq
       WHERE r.user_id = :userId AND r.seq > :since ORDER BY r.seq LIMIT :limit`,
      { userId, since, limit },
    );
    return rows.map((row) => toEntry(row, [{ userId, permission: row.permission }]));
  }

  /** Whole events (every recipient) with seq in [from, to]. */
  async readRange(m: EntityManager, from: number, to: number): Promise<EventLogEntry[]> {
    const events = await query<EventRow>(
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
    const bySeq = new Map<number, EventRecipient[]>();
    for (const r of recipients) {
      const list = bySeq.get(Number(r.seq)) ?? [];
      list.push({ userId: r.user_id, permission: r.permission });
      bySeq.set(Number(r.seq), list);
    }
    return events.map((row) => toEntry(row, bySeq.get(Number(row.seq)) ?? []));
  }

  /** Deletes events older than `olderThan` (ISO time) and their recipients; answers how many events went. */
  async deleteOlderThan(m: EntityManager, olderThan: string): Promise<number> {
    const [row] = await query<{ seq: number | string | null }>(m, 'SELECT MAX(seq) AS seq FROM events WHERE created_at < :olderThan', {
      olderThan,
    });
    if (row.seq === null || row.seq === undefined) return 0;
    const upTo = Number(row.seq);
    await query(m, 'DELETE FROM event_recipients WHERE seq <= :upTo', { upTo });
    const [{ count }] = await query<{ count: number | string }>(m, 'SELECT COUNT(*) AS count FROM events WHERE seq <= :upTo', { upTo });
    await query(m, 'DELETE FROM events WHERE seq <= :upTo', { upTo });
    return Number(count);
  }
}

function toEntry(row: EventRow, recipients: EventRecipient[]): EventLogEntry {
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
