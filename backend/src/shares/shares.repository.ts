import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SharePermission } from '@taskpulse/contract';
import { query } from '../platform/database/query';
import type { ShareView } from './dto/share-task.dto';
import { TaskShareEntity } from './task-share.entity';

/** Every statement on `task_shares` (but the ones that decide access, in AccessRepository). */
@Injectable()
export class SharesRepository {
  /** Whom the task is shared with, oldest share first. */
  async listForTask(m: EntityManager, taskId: string): Promise<ShareView[]> {
    const rows = await query<{ user_id: string; email: string; name: string; permission: SharePermission; shared_at: string }>(
      m,
      `SELECT s.user_id, u.email, u.name, s.permission, s.shared_at FROM task_shares s JOIN users u ON u.id = s.user_id
       WHERE s.task_id = :taskId ORDER BY s.shared_at, u.email`,
      { taskId },
    );
    return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, permission: r.permission, sharedAt: r.shared_at }));
  }

  find(m: EntityManager, taskId: string, userId: string): Promise<TaskShareEntity | null> {
    return m.findOneBy(TaskShareEntity, { taskId, userId });
  }

  async insert(m: EntityManager, share: TaskShareEntity): Promise<void> {
    await m.insert(TaskShareEntity, share);
  }

  async setPermission(m: EntityManager, taskId: string, userId: string, permission: SharePermission): Promise<void> {
    await m.update(TaskShareEntity, { taskId, userId }, { permission });
  }

  async delete(m: EntityManager, taskId: string, userId: string): Promise<void> {
    await m.delete(TaskShareEntity, { taskId, userId });
  }
}
