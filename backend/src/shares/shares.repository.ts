import { Injectable } from '@nestjs/common';
import type { SharePermission } from '@taskpulse/contract';
import type { Row, Sql, Statement } from '../platform/database/sql-database';
import type { ShareView } from './dto/share-task.dto';

/** Every statement on `task_shares` (but the ones that decide access, in AccessRepository). */
@Injectable()
export class SharesRepository {
  /** Whom the task is shared with, oldest share first. */
  listStatement(taskId: string): Statement {
    return {
      sql: `SELECT s.user_id, u.email, u.name, s.permission, s.shared_at FROM task_shares s JOIN users u ON u.id = s.user_id
        WHERE s.task_id = :taskId ORDER BY s.shared_at, u.email`,
      params: { taskId },
    };
  }

  toViews(rows: Row[]): ShareView[] {
    return (rows as unknown as Array<{ user_id: string; email: string; name: string; permission: SharePermission; shared_at: string }>).map(
      (r) => ({ userId: r.user_id, email: r.email, name: r.name, permission: r.permission, sharedAt: r.shared_at }),
    );
  }

  async find(tx: Sql, taskId: string, userId: string): Promise<{ permission: SharePermission; sharedAt: string } | null> {
    const [row] = await tx.query<{ permission: SharePermission; shared_at: string }>(
      'SELECT permission, shared_at FROM task_shares WHERE task_id = :taskId AND user_id = :userId',
      { taskId, userId },
    );
    return row ? { permission: row.permission, sharedAt: row.shared_at } : null;
  }

  async insert(tx: Sql, share: { taskId: string; userId: string; permission: SharePermission; sharedAt: string }): Promise<void> {
    await tx.query(
      'INSERT INTO task_shares (task_id, user_id, permission, shared_at) VALUES (:taskId, :userId, :permission, :sharedAt)',
      share,
    );
  }

  async setPermission(tx: Sql, taskId: string, userId: string, permission: SharePermission): Promise<void> {
    await tx.query('UPDATE task_shares SET permission = :permission WHERE task_id = :taskId AND user_id = :userId', {
      taskId,
      userId,
      permission,
    });
  }

  async delete(tx: Sql, taskId: string, userId: string): Promise<void> {
    await tx.query('DELETE FROM task_shares WHERE task_id = :taskId AND user_id = :userId', { taskId, userId });
  }
}
