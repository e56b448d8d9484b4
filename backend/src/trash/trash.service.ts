import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { TaskDto, TrashPage } from '@taskpulse/contract';
import { canDeleteOrReteam } from '../access/access-policy';
import { toTaskEntity } from '../access/access.repository';
import { AccessService } from '../access/access.service';
import { taskChangeRecipients } from '../access/audience';
import { EventLogService } from '../event-log/event-log.service';
import { SqlDatabase } from '../platform/database/sql-database';
import type { TaskEntity } from '../tasks/task.entity';
import { toSnapshot, toTaskDto } from '../tasks/task.mapper';
import { decodeTrashCursor, encodeTrashCursor } from './trash-cursor';
import type { ListTrashQuery } from './trash.dto';
import { TrashRepository } from './trash.repository';

const notFound = () => new NotFoundException('Task not found');

/** The trash: what a caller may restore, the restore itself, and the purge after TRASH_RETENTION. */
@Injectable()
export class TrashService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: TrashRepository,
    private readonly access: AccessService,
    private readonly log: EventLogService,
  ) {}

  /** Tasks the caller may restore (they own it, or administer its team), newest deletion first. */
  async list(userId: string, query: ListTrashQuery): Promise<TrashPage> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeTrashCursor(query.cursor) : null;
    const [rows] = await this.db.read([this.repository.pageStatement(userId, limit + 1, after)]);
    const trashed = this.repository.toTrashed(rows, userId).filter((t) => canDeleteOrReteam(t.access));
    const items = trashed
      .slice(0, limit)
      .map((t) => ({ ...toTaskDto(t.task, t.access.permission), deletedAt: t.deletedAt, deletedBy: t.deletedBy }));
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > limit && last ? encodeTrashCursor({ deletedAt: last.deletedAt, id: last.id }) : null };
  }

  /**
   * Brings a trashed task back with its shares, to everyone who can see it then (`task_restored`, shaped like
   * `task_created`). Restoring a task that is not in the trash answers it as it is (a retried restore is safe).
   * A task whose team was deleted meanwhile comes back as its owner's personal task.
   */
  async restore(userId: string, taskId: string, mutationId: string | null): Promise<TaskDto> {
    return this.log.write(async ({ tx, record }) => {
      const locked = await this.repository.lock(tx, taskId, userId);
      if (!locked?.visible) throw notFound();
      const { row, visible } = locked;
      if (row.deleted_at === null) return toTaskDto(visible.task, visible.access.permission);
      if (!canDeleteOrReteam(visible.access)) throw new ForbiddenException('Only the owner or a team admin can restore this task');
      const teamId = row.team_id && (await this.repository.teamExists(tx, row.team_id)) ? row.team_id : null;
      const now = new Date().toISOString();
      const task: TaskEntity = { ...toTaskEntity(row), teamId, updatedAt: now, version: Number(row.version) + 1 };
      await this.repository.restore(tx, taskId, { teamId, updatedAt: now, version: task.version });
      const audience = await this.access.audienceOf(tx, task);
      record({
        type: 'task_restored',
        actorId: userId,
        taskId,
        teamId,
        task: toSnapshot(task),
        mutationId,
        recipients: taskChangeRecipients(new Map(), audience),
      });
      return toTaskDto(task, visible.access.permission);
    });
  }

  /** Deletes for good what was trashed before `olderThan`, in batches; answers how many tasks went. */
  async purge(olderThan: string, batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = await this.db.write((tx) => this.repository.purge(tx, olderThan, batch));
      total += removed;
      if (removed < batch) return total;
    }
  }
}
