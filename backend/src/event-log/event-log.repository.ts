import { Injectable } from '@nestjs/common';
import type { Row, Sql, Statement } from '../platform/database/sql-database';
import { type EventLogEntry, type EventRecipient, type FieldChanges, NO_ACTOR, permissionOfRank } from './event-log-entry';

interface EventRow {
  seq: number | string;
  type: EventLogEntry['type'];
  task_id: string | null;
  team_id: string | null;
  actor_id: string;
  mutation_id: string | null;
  payload: string;
  created_at: string;
  actor_name: string | null;
}

type Unsequenced = Omit<EventLogEntry, 'seq'> & { history?: FieldChanges };

const eventColumns = 'e.seq, e.type, e.task_id, e.team_id, e.actor_id, e.mutation_id, e.payload, e.created_at, u.name AS actor_name';
/** The actor's name for `data.actor`. */
const actorJoin = 'LEFT JOIN users u ON u.id = e.actor_id';

/** The strongest permission per seq, as a number: owner 4 > team 3 > edit 2 > view 1 > none 0. */
const rankOf = (column: string) =>
  `MAX(CASE ${column} WHEN 'owner' THEN 4 WHEN 'team' THEN 3 WHEN 'edit' THEN 2 WHEN 'view' THEN 1 ELSE 0 END)`;

/**
 * What user :userId received in (:since, :upTo]: the rows addressed to them, and the rows addressed to a team for
 * the seqs they were in it (its membership spans), one row per seq with the strongest permission.
 */
const receivedBy = `
  SELECT seq, ${rankOf('permission')} AS rank FROM (
    SELECT r.seq, r.permission FROM event_recipients r
    WHERE r.kind = 'user' AND r.principal_id = :userId AND r.seq > :since AND r.seq <= :upTo
    UNION ALL
    SELECT r.seq, r.permission FROM team_membership_spans sp
    JOIN event_recipients r ON r.kind = 'team' AND r.principal_id = sp.team_id
      AND r.seq >= sp.from_seq AND (sp.to_seq IS NULL OR r.seq <= sp.to_seq)
    WHERE sp.user_id = :userId AND (sp.to_seq IS NULL OR sp.to_seq > :since) AND r.seq > :since AND r.seq <= :upTo
  ) mine GROUP BY seq`;

/** Every statement on `event_head`, `events`, `event_recipients` and `team_membership_spans`. */
@Injectable()
export class EventLogRepository {
  readonly headStatement: Statement = { sql: 'SELECT seq FROM event_head WHERE id = 1' };

  /**
   * Takes the next seqs (the row lock on the head orders writers, so seq is gapless and commit order is seq order)
   * and writes the events, their recipients and the membership spans they open or close. The transaction's last
   * statements: the head stays locked only from here to the commit. Answers the first seq taken.
   */
  async append(tx: Sql, events: readonly Unsequenced[]): Promise<number> {
    if (tx.dialect === 'postgres') return this.appendInOneStatement(tx, events);
    const first = await this.appendStatementByStatement(tx, events);
    for (const [i, event] of events.entries()) {
      if (event.member) await this.recordSpan(tx, event, first + i);
      if (event.history) {
        await tx.query(
          `INSERT INTO task_history (task_id, seq, at, actor_id, type, changes) VALUES (:htask, :seq, :hat, :hactor, :htype, :hchanges)`,
          { seq: first + i, ...storedHistory(event, 'h') },
        );
      }
    }
    return first;
  }

  /** The names of the actors of the events about to be appended. */
  async actorNames(tx: Sql, ids: readonly string[]): Promise<Map<string, string>> {
    const people = ids.filter((id) => id !== NO_ACTOR);
    if (people.length === 0) return new Map();
    const rows = await tx.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id IN (:...people)', { people });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  head(rows: Row[]): number {
    return Number(rows[0].seq);
  }

  /** The lowest seq still in the log (head + 1 when the log is empty). */
  readonly oldestRetainedStatement: Statement = {
    sql: 'SELECT COALESCE((SELECT MIN(seq) FROM events), (SELECT seq + 1 FROM event_head WHERE id = 1)) AS seq',
  };

  /** The teams `userId` is in as of the snapshot's head. */
  teamsOfStatement(userId: string): Statement {
    return { sql: 'SELECT team_id FROM team_membership_spans WHERE user_id = :userId AND to_seq IS NULL', params: { userId } };
  }

  /** How many events `userId` received in (since, upTo], counting at most `cap + 1`. */
  countReceivedStatement(userId: string, since: number, upTo: number, cap: number): Statement {
    return {
      sql: `SELECT COUNT(*) AS n FROM (SELECT seq FROM (${receivedBy}) received ORDER BY seq LIMIT :cap) counted`,
      params: { userId, since, upTo, cap: cap + 1 },
    };
  }

  /** Events in (since, upTo] that `userId` received, oldest first, each with that user as its only recipient. */
  readForUserStatement(userId: string, since: number, upTo: number, limit: number): Statement {
    return {
      sql: `SELECT ${eventColumns}, b.rank FROM (${receivedBy} ORDER BY seq LIMIT :limit) b
        JOIN events e ON e.seq = b.seq ${actorJoin} ORDER BY e.seq`,
      params: { userId, since, upTo, limit },
    };
  }

  /** The teams `userId` was in for some seqs still logged: the ranges their team rows reach them in. */
  spansOfStatement(userId: string): Statement {
    return { sql: 'SELECT team_id, from_seq, to_seq FROM team_membership_spans WHERE user_id = :userId', params: { userId } };
  }

  /**
   * The newest events `userId` received before `before`, newest first, each with that user as its only recipient:
   * one index range per principal (their own rows, and each team's rows inside a span they held), each read
   * newest first and at most `limit` deep, merged. The cost follows what the user received, not the log's size.
   */
  recentForUserStatement(
    userId: string,
    spans: ReadonlyArray<{ teamId: string; from: number; to: number | null }>,
    before: number,
    limit: number,
  ): Statement {
    const params: Record<string, unknown> = { userId, before, limit };
    const rank = `CASE r.permission WHEN 'owner' THEN 4 WHEN 'team' THEN 3 WHEN 'edit' THEN 2 WHEN 'view' THEN 1 ELSE 0 END`;
    const branches = [
      `SELECT * FROM (SELECT r.seq, ${rank} AS rank FROM event_recipients r
        WHERE r.kind = 'user' AND r.principal_id = :userId AND r.seq < :before ORDER BY r.seq DESC LIMIT :limit) b_user`,
      ...spans.map((span, i) => {
        Object.assign(params, { [`t${i}`]: span.teamId, [`f${i}`]: span.from, [`u${i}`]: span.to ?? before });
        return `SELECT * FROM (SELECT r.seq, ${rank} AS rank FROM event_recipients r
          WHERE r.kind = 'team' AND r.principal_id = :t${i} AND r.seq >= :f${i} AND r.seq <= :u${i} AND r.seq < :before
          ORDER BY r.seq DESC LIMIT :limit) b_${i}`;
      }),
    ];
    return {
      sql: `SELECT ${eventColumns}, b.rank FROM (
          SELECT seq, MAX(rank) AS rank FROM (${branches.join(' UNION ALL ')}) mine GROUP BY seq ORDER BY seq DESC LIMIT :limit
        ) b JOIN events e ON e.seq = b.seq ${actorJoin} ORDER BY e.seq DESC`,
      params,
    };
  }

  toUserEntries(rows: Row[], userId: string): EventLogEntry[] {
    return (rows as unknown as Array<EventRow & { rank: number | string }>).map((row) =>
      toEntry(row, [{ kind: 'user', id: userId, permission: permissionOfRank(Number(row.rank)) }]),
    );
  }

  /** Whole events (every recipient) with seq in [from, to]. */
  readRangeStatements(from: number, to: number): [Statement, Statement] {
    return [
      {
        sql: `SELECT ${eventColumns} FROM events e ${actorJoin} WHERE e.seq >= :from AND e.seq <= :to ORDER BY e.seq`,
        params: { from, to },
      },
      {
        sql: 'SELECT seq, kind, principal_id, permission FROM event_recipients WHERE seq >= :from AND seq <= :to',
        params: { from, to },
      },
    ];
  }

  toEntries(events: Row[], recipients: Row[]): EventLogEntry[] {
    const bySeq = new Map<number, EventRecipient[]>();
    for (const r of recipients as unknown as Array<{
      seq: number | string;
      kind: 'user' | 'team';
      principal_id: string;
      permission: EventRecipient['permission'];
    }>) {
      const list = bySeq.get(Number(r.seq)) ?? [];
      list.push({ kind: r.kind, id: r.principal_id, permission: r.permission });
      bySeq.set(Number(r.seq), list);
    }
    return (events as unknown as EventRow[]).map((row) => toEntry(row, bySeq.get(Number(row.seq)) ?? []));
  }

  /**
   * Deletes events older than `olderThan` (ISO time), their recipients and the membership spans that ended before
   * them; answers how many events went.
   */
  async deleteOlderThan(tx: Sql, olderThan: string): Promise<number> {
    const [row] = await tx.query<{ seq: number | string | null }>('SELECT MAX(seq) AS seq FROM events WHERE created_at < :olderThan', {
      olderThan,
    });
    if (row.seq === null || row.seq === undefined) return 0;
    const upTo = Number(row.seq);
    const [{ count }] = await tx.query<{ count: number | string }>('SELECT COUNT(*) AS count FROM events WHERE seq <= :upTo', { upTo });
    await tx.query('DELETE FROM event_recipients WHERE seq <= :upTo', { upTo });
    await tx.query('DELETE FROM team_membership_spans WHERE to_seq IS NOT NULL AND to_seq <= :upTo', { upTo });
    await tx.query('DELETE FROM events WHERE seq <= :upTo', { upTo });
    return Number(count);
  }

  /**
   * PostgreSQL: the head bump, every insert and the membership spans in one statement, sent together with the
   * commit (`finish`), so the head's lock is held for the least time.
   */
  private async appendInOneStatement(tx: Sql, events: readonly Unsequenced[]): Promise<number> {
    const params: Record<string, unknown> = { n: events.length };
    const eventRows = events.map((event, i) => {
      Object.assign(params, storedEvent(event, `e${i}`));
      return `(${i}::int, :e${i}type, :e${i}task, :e${i}team, :e${i}actor, :e${i}mutation, :e${i}payload, :e${i}at)`;
    });
    const recipientRows = events.flatMap((event, i) =>
      event.recipients.map((r, j) => {
        Object.assign(params, { [`r${i}_${j}k`]: r.kind, [`r${i}_${j}p`]: r.id, [`r${i}_${j}m`]: r.permission });
        return `(${i}::int, :r${i}_${j}k::varchar, :r${i}_${j}p::varchar, :r${i}_${j}m::varchar)`;
      }),
    );
    const spans = events.flatMap((event, i) => {
      if (!event.member) return [];
      Object.assign(params, { [`s${i}team`]: event.teamId, [`s${i}user`]: event.member.userId });
      const seq = `(SELECT seq - :n + 1 + ${i} FROM head)`;
      return event.type === 'team_member_removed'
        ? [
            `s${i} AS (UPDATE team_membership_spans SET to_seq = ${seq}
             WHERE team_id = :s${i}team AND user_id = :s${i}user AND to_seq IS NULL)`,
          ]
        : [
            `s${i} AS (INSERT INTO team_membership_spans (team_id, user_id, from_seq, to_seq)
             SELECT :s${i}team::varchar, :s${i}user::varchar, ${seq}, NULL WHERE NOT EXISTS (SELECT 1 FROM team_membership_spans
               WHERE team_id = :s${i}team AND user_id = :s${i}user AND to_seq IS NULL))`,
          ];
    });
    const history = events.flatMap((event, i) => {
      if (!event.history) return [];
      Object.assign(params, storedHistory(event, `h${i}`));
      return [
        `h${i} AS (INSERT INTO task_history (task_id, seq, at, actor_id, type, changes)
         SELECT :h${i}task::varchar, seq - :n + 1 + ${i}, :h${i}at::varchar, :h${i}actor::varchar, :h${i}type::varchar, :h${i}changes::text FROM head)`,
      ];
    });
    spans.push(...history);
    const [row] = await tx.finish<{ seq: number | string }>(
      `WITH head AS (UPDATE event_head SET seq = seq + :n WHERE id = 1 RETURNING seq),
       ev AS (INSERT INTO events (seq, type, task_id, team_id, actor_id, mutation_id, payload, created_at)
         SELECT head.seq - :n + 1 + v.i, v.type, v.task_id, v.team_id, v.actor_id, v.mutation_id, v.payload, v.created_at
         FROM head, (VALUES ${eventRows.join(', ')}) AS v(i, type, task_id, team_id, actor_id, mutation_id, payload, created_at)),
       rc AS (INSERT INTO event_recipients (kind, principal_id, seq, permission)
         SELECT r.kind, r.principal_id, head.seq - :n + 1 + r.i, r.permission
         FROM head, (VALUES ${recipientRows.join(', ')}) AS r(i, kind, principal_id, permission))
       ${spans.map((span) => `, ${span}`).join('')}
       SELECT seq - :n + 1 AS seq FROM head`,
      params,
    );
    return Number(row.seq);
  }

  private async appendStatementByStatement(tx: Sql, events: readonly Unsequenced[]): Promise<number> {
    const [head] = await tx.query<{ seq: number }>('UPDATE event_head SET seq = seq + :n WHERE id = 1 RETURNING seq', { n: events.length });
    const first = Number(head.seq) - events.length + 1;
    for (const [i, event] of events.entries()) {
      const seq = first + i;
      await tx.query(
        `INSERT INTO events (seq, type, task_id, team_id, actor_id, mutation_id, payload, created_at)
         VALUES (:seq, :etype, :etask, :eteam, :eactor, :emutation, :epayload, :eat)`,
        { seq, ...storedEvent(event, 'e') },
      );
      for (const r of event.recipients) {
        await tx.query('INSERT INTO event_recipients (kind, principal_id, seq, permission) VALUES (:kind, :id, :seq, :permission)', {
          kind: r.kind,
          id: r.id,
          seq,
          permission: r.permission,
        });
      }
    }
    return first;
  }

  /** A member joins a team at the seq of its `team_member_added` (a role change keeps the open span), leaves at its removal. */
  private async recordSpan(tx: Sql, event: Unsequenced, seq: number): Promise<void> {
    const params = { teamId: event.teamId, userId: event.member!.userId, seq };
    if (event.type === 'team_member_removed') {
      await tx.query(
        'UPDATE team_membership_spans SET to_seq = :seq WHERE team_id = :teamId AND user_id = :userId AND to_seq IS NULL',
        params,
      );
      return;
    }
    await tx.query(
      `INSERT INTO team_membership_spans (team_id, user_id, from_seq, to_seq) SELECT :teamId, :userId, :seq, NULL
       WHERE NOT EXISTS (SELECT 1 FROM team_membership_spans WHERE team_id = :teamId AND user_id = :userId AND to_seq IS NULL)`,
      params,
    );
  }
}

function storedEvent(event: Unsequenced, prefix: string): Record<string, unknown> {
  const payload = event.member
    ? { member_id: event.member.userId, role: event.member.role }
    : { task: event.task, ...(event.detail ? { detail: event.detail } : {}) };
  return {
    [`${prefix}type`]: event.type,
    [`${prefix}task`]: event.taskId,
    [`${prefix}team`]: event.teamId,
    [`${prefix}actor`]: event.actorId,
    [`${prefix}mutation`]: event.mutationId,
    [`${prefix}payload`]: JSON.stringify(payload),
    [`${prefix}at`]: event.timestamp,
  };
}

/** A task event's row in task_history: the fields it changed, kept whatever the event log's retention. */
function storedHistory(event: Unsequenced, prefix: string): Record<string, unknown> {
  return {
    [`${prefix}task`]: event.taskId,
    [`${prefix}at`]: event.timestamp,
    [`${prefix}actor`]: event.actorId,
    [`${prefix}type`]: event.type,
    [`${prefix}changes`]: JSON.stringify(event.history),
  };
}

function toEntry(row: EventRow, recipients: EventRecipient[]): EventLogEntry {
  const payload = JSON.parse(row.payload);
  return {
    seq: Number(row.seq),
    type: row.type,
    timestamp: row.created_at,
    actorId: row.actor_id,
    actor: row.actor_id === NO_ACTOR ? null : { id: row.actor_id, name: row.actor_name ?? '' },
    taskId: row.task_id,
    teamId: row.team_id,
    mutationId: row.mutation_id,
    task: payload.task ?? null,
    member: 'member_id' in payload ? { userId: payload.member_id, role: payload.role ?? null } : null,
    detail: payload.detail ?? null,
    recipients,
  };
}
