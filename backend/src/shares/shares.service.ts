import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { EventLogService } from '../event-log/event-log.service';
import { NotificationsService } from '../notifications/notifications.service';
import { SqlDatabase } from '../platform/database/sql-database';
import { toSnapshot } from '../tasks/task.mapper';
import { UsersRepository } from '../users/users.repository';
import { ShareTaskDto, type ShareView } from './dto/share-task.dto';
import { SharesRepository } from './shares.repository';

@Injectable()
export class SharesService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: SharesRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly log: EventLogService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Anyone who can see a task may see whom it is shared with. */
  async list(userId: string, taskId: string): Promise<ShareView[]> {
    await this.access.loadVisible(taskId, userId);
    const [rows] = await this.db.read([this.repository.listStatement(taskId)]);
    return this.repository.toViews(rows);
  }

  /** Owner only; sharing again with the same person updates the permission. */
  async share(userId: string, taskId: string, dto: ShareTaskDto, mutationId: string | null): Promise<ShareView> {
    return this.log.write(async (change) => {
      const { tx, record } = change;
      const { task, access } = await this.access.lockForChange(tx, taskId, userId);
      if (access.permission !== 'owner') throw new ForbiddenException('Only the owner can share this task');
      const target = await this.users.findByEmail(tx, dto.email);
      if (!target) throw new NotFoundException('No user with this email');
      if (target.id === userId) throw new BadRequestException(['email must be someone other than yourself']);
      const before = await this.access.audienceOf(tx, task);
      const existing = await this.repository.find(tx, taskId, target.id);
      const sharedAt = existing?.sharedAt ?? new Date().toISOString();
      if (existing) await this.repository.setPermission(tx, taskId, target.id, dto.permission);
      else await this.repository.insert(tx, { taskId, userId: target.id, permission: dto.permission, sharedAt });
      record({
        type: 'task_shared',
        actorId: userId,
        taskId: task.id,
        teamId: task.teamId,
        task: toSnapshot(task),
        mutationId,
        recipients: await this.access.recipientsAfter(tx, before, task),
      });
      if (!existing) {
        await this.notifications.notify(change, [target.id], { kind: 'shared', actorId: userId, taskId, teamId: task.teamId, mutationId });
      }
      return { userId: target.id, email: target.email, name: target.name, permission: dto.permission, sharedAt };
    });
  }

  /** The owner revokes a share, or the recipient leaves it. */
  async unshare(userId: string, taskId: string, targetId: string, mutationId: string | null): Promise<void> {
    await this.log.write(async ({ tx, record }) => {
      const { task, access } = await this.access.lockForChange(tx, taskId, userId);
      if (access.permission !== 'owner' && targetId !== userId) {
        throw new ForbiddenException('Only the owner can revoke shares of this task');
      }
      if (!(await this.repository.find(tx, taskId, targetId))) throw new NotFoundException('Share not found');
      const before = await this.access.audienceOf(tx, task);
      await this.repository.delete(tx, taskId, targetId);
      record({
        type: 'task_unshared',
        actorId: userId,
        taskId: task.id,
        teamId: task.teamId,
        task: toSnapshot(task),
        mutationId,
        recipients: await this.access.recipientsAfter(tx, before, task),
      });
    });
  }
}
