import { Injectable } from '@nestjs/common';
import type { NotificationDto, NotificationKind } from '@taskpulse/contract';
import type { Row, Sql, Statement } from '../platform/database/sql-database';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  task_id: string | null;
  team_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NewNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  taskId: string | null;
  teamId: string | null;
  actorId: string | null;
  createdAt: string;
}

/** A task that is due soon and has not been claimed for its due date yet. */
export interface DueTask {
  id: string;
  dueDate: string;
}

/** Every statement on `notifications` and `due_soon_claims`. */
@Injectable()
export class NotificationsRepository {
  async insert(tx: Sql, n: NewNotification): Promise<void> {
    await tx.query(
      `INSERT INTO notifications (id, user_id, kind, task_id, team_id, actor_id, created_at, read_at)
       VALUES (:id, :userId, :kind, :taskId, :teamId, :actorId, :createdAt, NULL)`,
      n,
    );
  }

  async userName(tx: Sql, id: string): Promise<string> {
    const [row] = await tx.query<{ name: string }>('SELECT name FROM users WHERE id = :id', { id });
    return row?.name ?? '';
  }

  /** A page of `userId`'s notifications, newest first, by (user_id, created_at, id). */
  pageStatement(userId: string, unreadOnly: boolean, after: [string, string] | null, limit: number): Statement {
    const where = ['n.user_id = :userId'];
    if (unreadOnly) where.push('n.read_at IS NULL');
    if (after) where.push('(n.created_at < :afterAt OR (n.created_at = :afterAt AND n.id < :afterId))');
    return {
      sql: `SELECT n.id, n.kind, n.task_id, n.team_id, n.actor_id, u.name AS actor_name, n.created_at, n.read_at
        FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
        WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT :limit`,
      params: { userId, limit, afterAt: after?.[0], afterId: after?.[1] },
    };
  }

  /** How many of `userId`'s notifications are unread (the partial index of unread ones). */
  unreadCountStatement(userId: string): Statement {
    return { sql: 'SELECT COUNT(*) AS n FROM notifications WHERE user_id = :userId AND read_at IS NULL', params: { userId } };
  }

  toDtos(rows: Row[]): NotificationDto[] {
    return (rows as unknown as NotificationRow[]).map((r) => ({
      id: r.id,
      kind: r.kind,
      taskId: r.task_id,
      teamId: r.team_id,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  }

  /** Marks unread notifications of `userId` read (`ids`, or all when null); answers the ids that changed. */
  async markRead(tx: Sql, userId: string, ids: readonly string[] | null, readAt: string): Promise<string[]> {
    const rows = ids
      ? await tx.query<{ id: string }>(
          'UPDATE notifications SET read_at = :readAt WHERE user_id = :userId AND read_at IS NULL AND id IN (:...ids) RETURNING id',
          { userId, ids, readAt },
        )
      : await tx.query<{ id: string }>(
          'UPDATE notifications SET read_at = :readAt WHERE user_id = :userId AND read_at IS NULL RETURNING id',
          {
            userId,
            readAt,
          },
        );
    return rows.map((row) => row.id);
  }

  /** Open tasks due in (now, until] without a claim for their due date, soonest first (the open-due index). */
  dueSoonStatement(now: string, until: string, limit: number): Statement {
    return {
      sql: `SELECT t.id, t.due_date FROM tasks t
        WHERE t.due_date IS NOT NULL AND t.status <> 'completed' AND t.due_date > :now AND t.due_date <= :until
          AND t.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM due_soon_claims c WHERE c.task_id = t.id AND c.due_date = t.due_date)
        ORDER BY t.due_date LIMIT :limit`,
      params: { now, until, limit },
    };
  }

  toDueTasks(rows: Row[]): DueTask[] {
    return (rows as unknown as Array<{ id: string; due_date: string }>).map((r) => ({ id: r.id, dueDate: r.due_date }));
  }

  /** The task a due_soon notification is about, locked for the claim's transaction; null when it is gone. */
  async lockTask(
    tx: Sql,
    id: string,
  ): Promise<{ id: string; ownerId: string; teamId: string | null; assigneeIds: string[]; status: string; dueDate: string | null } | null> {
    const [row] = await tx.query<{
      owner_id: string;
      team_id: string | null;
      assignee_ids: string;
      status: string;
      due_date: string | null;
    }>(`SELECT owner_id, team_id, assignee_ids, status, due_date FROM tasks WHERE id = :id AND deleted_at IS NULL${tx.lock('update')}`, {
      id,
    });
    return row
      ? {
          id,
          ownerId: row.owner_id,
          teamId: row.team_id,
          assigneeIds: JSON.parse(row.assignee_ids) as string[],
          status: row.status,
          dueDate: row.due_date,
        }
      : null;
  }

  /**
   * Claims (task, due date) for this transaction: true for the one writer whose insert made the row, whatever the
   * number of instances; the unique key makes every other insert do nothing (on PostgreSQL, after the first commits).
   */
  async claimDueSoon(tx: Sql, taskId: string, dueDate: string, claimedAt: string): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO due_soon_claims (task_id, due_date, claimed_at) VALUES (:taskId, :dueDate, :claimedAt)
       ON CONFLICT (task_id, due_date) DO NOTHING RETURNING task_id`,
      { taskId, dueDate, claimedAt },
    );
    return rows.length === 1;
  }
}
