/** Reads the event log straight from a server's database (SQLite file or PostgreSQL), for checks HTTP cannot make. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import type { RunningServer } from '../../support/server';

export interface LoggedEvent {
  seq: number;
  type: string;
  taskId: string | null;
  teamId: string | null;
  actorId: string;
  mutationId: string | null;
  payload: { task?: Record<string, unknown> | null; member_id?: string; role?: string | null };
}

/** Who received an event: a user, with the strongest permission any of its rows gave them (null: lost sight). */
export interface LoggedRecipient {
  seq: number;
  userId: string;
  permission: string | null;
}

export interface EventLogContents {
  head: number;
  events: LoggedEvent[];
  /** Per user, as delivery and replay resolve them: user rows, and team rows for the members of that seq. */
  recipients: LoggedRecipient[];
}

interface StoredRecipient {
  seq: number;
  kind: string;
  principalId: string;
  permission: string | null;
}

interface Span {
  teamId: string;
  userId: string;
  from: number;
  to: number | null;
}

const eventsSql = 'SELECT seq, type, task_id, team_id, actor_id, mutation_id, payload FROM events ORDER BY seq';
const recipientsSql = 'SELECT seq, kind, principal_id, permission FROM event_recipients ORDER BY seq, kind, principal_id';
const spansSql = 'SELECT team_id, user_id, from_seq, to_seq FROM team_membership_spans';
const headSql = 'SELECT seq FROM event_head WHERE id = 1';
const rank = (permission: string | null) => ['view', 'edit', 'team', 'owner'].indexOf(permission ?? '');

/** A team row reaches the members whose span holds its seq (both ends included); the strongest permission wins. */
function perUser(rows: StoredRecipient[], spans: Span[]): LoggedRecipient[] {
  const best = new Map<string, LoggedRecipient>();
  const reach = (seq: number, userId: string, permission: string | null) => {
    const key = `${seq}|${userId}`;
    const known = best.get(key);
    if (!known || rank(permission) > rank(known.permission)) best.set(key, { seq, userId, permission });
  };
  for (const row of rows) {
    if (row.kind === 'user') reach(row.seq, row.principalId, row.permission);
    else
      for (const span of spans)
        if (span.teamId === row.principalId && span.from <= row.seq && (span.to === null || row.seq <= span.to)) {
          reach(row.seq, span.userId, row.permission);
        }
  }
  return [...best.values()];
}

function toStored(row: Record<string, unknown>): StoredRecipient {
  return {
    seq: Number(row.seq),
    kind: String(row.kind),
    principalId: String(row.principal_id),
    permission: (row.permission as string | null) ?? null,
  };
}

function toSpan(row: Record<string, unknown>): Span {
  return {
    teamId: String(row.team_id),
    userId: String(row.user_id),
    from: Number(row.from_seq),
    to: row.to_seq === null || row.to_seq === undefined ? null : Number(row.to_seq),
  };
}

function toEvent(row: Record<string, unknown>): LoggedEvent {
  return {
    seq: Number(row.seq),
    type: String(row.type),
    taskId: (row.task_id as string | null) ?? null,
    teamId: (row.team_id as string | null) ?? null,
    actorId: String(row.actor_id),
    mutationId: (row.mutation_id as string | null) ?? null,
    payload: JSON.parse(String(row.payload)),
  };
}

export async function readEventLog(server: RunningServer): Promise<EventLogContents> {
  if (server.databaseUrl) {
    const client = new Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const [events, recipients, spans, head] = [
        await client.query(eventsSql),
        await client.query(recipientsSql),
        await client.query(spansSql),
        await client.query(headSql),
      ];
      return {
        head: Number(head.rows[0].seq),
        events: events.rows.map(toEvent),
        recipients: perUser(recipients.rows.map(toStored), spans.rows.map(toSpan)),
      };
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(server.dataDir, 'taskpulse.sqlite'), { readonly: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    return {
      head: Number(rows(headSql)[0].seq),
      events: rows(eventsSql).map(toEvent),
      recipients: perUser(rows(recipientsSql).map(toStored), rows(spansSql).map(toSpan)),
    };
  } finally {
    db.close();
  }
}
