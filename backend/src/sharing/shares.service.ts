import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UserEntity } from '../auth/user.entity';
import { query, UnitOfWork } from '../database/unit-of-work';
import { TaskChangedEvent } from '../events/domain-events';
import { Audience } from './audience';
import { ShareTaskDto, type ShareView } from './dto/sharing.dto';
import { TaskShareEntity } from './task-share.entity';

@Injectable()
export class SharesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audience: Audience,
    private readonly emitter: EventEmitter2,
  ) {}

  /** Anyone who can see a task may see whom it is shared with. */
  list(userId: string, taskId: string): Promise<ShareView[]> {
    return this.uow.read(async (m) => {
      await this.audience.loadVisible(m, taskId, userId);
      const rows = await query<{ user_id: string; email: string; name: string; permission: ShareView['permission']; shared_at: string }>(
        m,
        `SELECT s.user_id, u.email, u.name, s.permission, s.shared_at FROM task_shares s JOIN users u ON u.id = s.user_id
         WHERE s.task_id = :taskId ORDER BY s.shared_at, u.email`,
        { taskId },
      );
      return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, permission: r.permission, sharedAt: r.shared_at }));
    });
  }

  /** Owner only; sharing again with the same person updates the permission. */
  async share(userId: string, taskId: string, dto: ShareTaskDto, mutationId: string | null): Promise<ShareView> {
    const { view, entry } = await this.uow.write(async (m) => {
      const { task, access } = await this.audience.loadVisible(m, taskId, userId);
      if (access.permission !== 'owner') throw new ForbiddenException('Only the owner can share this task');
      const target = await m.findOneBy(UserEntity, { email: dto.email });
      if (!target) throw new NotFoundException('No user with this email');
      if (target.id === userId) throw new BadRequestException(['email must be someone other than yourself']);
      const before = await this.audience.of(m, task);
      const existing = await m.findOneBy(TaskShareEntity, { taskId, userId: target.id });
      const sharedAt = existing?.sharedAt ?? new Date().toISOString();
      if (existing) await m.update(TaskShareEntity, { taskId, userId: target.id }, { permission: dto.permission });
      else await m.insert(TaskShareEntity, { taskId, userId: target.id, permission: dto.permission, sharedAt });
      const entry = await this.audience.recordTaskChange(m, 'task_shared', task, before, userId, mutationId);
      const view: ShareView = { userId: target.id, email: target.email, name: target.name, permission: dto.permission, sharedAt };
      return { view, entry };
    });
    this.emitter.emit(TaskChangedEvent.eventName, new TaskChangedEvent(entry));
    return view;
  }

  /** The owner revokes a share, or the recipient leaves it. */
  async unshare(userId: string, taskId: string, targetId: string, mutationId: string | null): Promise<void> {
    const entry = await this.uow.write(async (m) => {
      const { task, access } = await this.audience.loadVisible(m, taskId, userId);
      if (access.permission !== 'owner' && targetId !== userId) {
        throw new ForbiddenException('Only the owner can revoke shares of this task');
      }
      const existing = await m.findOneBy(TaskShareEntity, { taskId, userId: targetId });
      if (!existing) throw new NotFoundException('Share not found');
      const before = await this.audience.of(m, task);
      await m.delete(TaskShareEntity, { taskId, userId: targetId });
      return this.audience.recordTaskChange(m, 'task_unshared', task, before, userId, mutationId);
    });
    this.emitter.emit(TaskChangedEvent.eventName, new TaskChangedEvent(entry));
  }
}
