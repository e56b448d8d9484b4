import { Injectable } from '@nestjs/common';
import type { HistoryEntry } from '@taskpulse/contract';
import type { Row, Statement } from '../platform/database/sql-database';
import { NO_ACTOR } from '../event-log/event-log-entry';

/** The reads of `task_history` (rows are written with their events, by the event log). */
@Injectable()
export class HistoryRepository {
  /** A task's whole history, oldest first, by its primary key (task_id, seq). */
  ofTaskStatement(taskId: string): Statement {
    return {
      sql: `SELECT h.seq, h.at, h.actor_id, u.name AS actor_name, h.type, h.changes FROM task_history h
        LEFT JOIN users u ON u.id = h.actor_id WHERE h.task_id = :taskId ORDER BY h.seq`,
      params: { taskId },
    };
  }

  toEntries(rows: Row[]): HistoryEntry[] {
    return (
      rows as unknown as Array<{
        seq: number | string;
        at: string;
        actor_id: string;
        actor_name: string | null;
        type: HistoryEntry['type'];
        changes: string;
      }>
    ).map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor_id === NO_ACTOR ? null : { id: r.actor_id, name: r.actor_name ?? '' },
      type: r.type,
      changes: JSON.parse(r.changes) as HistoryEntry['changes'],
    }));
  }
}
