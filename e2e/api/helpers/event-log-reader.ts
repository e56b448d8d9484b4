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

export interface LoggedRecipient {
  seq: number;
  userId: string;
  permission: string | null;
}

export interface EventLogContents {
  head: number;
  events: LoggedEvent[];
  recipients: LoggedRecipient[];
}

const eventsSql = 'SELECT seq, type, task_id, team_id, actor_id, mutation_id, payload FROM events ORDER BY seq';
const recipientsSql = 'SELECT seq, user_id, permission FROM event_recipients ORDER BY seq, user_id';
const headSql = 'SELECT seq FROM event_head WHERE id = 1';

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

function toRecipient(row: Record<string, unknown>): LoggedRecipient {
  return { seq: Number(row.seq), userId: String(row.user_id), permission: (row.permission as string | null) ?? null };
}

export async function readEventLog(server: RunningServer): Promise<EventLogContents> {
  if (server.databaseUrl) {
    const client = new Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const [events, recipients, head] = [await client.query(eventsSql), await client.query(recipientsSql), await client.query(headSql)];
      return { head: Number(head.rows[0].seq), events: events.rows.map(toEvent), recipients: recipients.rows.map(toRecipient) };
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
      recipients: rows(recipientsSql).map(toRecipient),
    };
  } finally {
    db.close();
  }
}
