import { BadRequestException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NotificationDto, NotificationKind, NotificationPage } from '@taskpulse/contract';
import { NO_ACTOR } from '../event-log/event-log-entry';
import { type Change, EventLogService } from '../event-log/event-log.service';
import { SqlDatabase } from '../platform/database/sql-database';
import { ListNotificationsQuery, MarkReadDto } from './dto/notification.dto';
import { NotificationsRepository } from './notifications.repository';

/** What a notification is about, and who caused it (null: nobody, for due_soon). */
export interface NotificationCause {
  kind: NotificationKind;
  actorId: string | null;
  taskId?: string | null;
  teamId?: string | null;
  mutationId: string | null;
}

const invalidCursor = () => new BadRequestException(['cursor is not valid']);

function decodeCursor(cursor: string): [string, string] {
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !at || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw invalidCursor();
  return [at, id];
}

/**
 * Per-user notifications. `notify` writes one inside the transaction of its cause and logs `notification_created`
 * to that user only, so a notification exists exactly when its cause committed. Nobody is notified of their own
 * action.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: NotificationsRepository,
    private readonly log: EventLogService,
  ) {}

  /** Notifies each of `userIds` (once each, never the actor) inside `change`'s transaction. */
  async notify({ tx, record }: Change, userIds: Iterable<string>, cause: NotificationCause): Promise<void> {
    const recipients = [...new Set(userIds)].filter((userId) => userId !== cause.actorId);
    if (recipients.length === 0) return;
    const actor = cause.actorId ? { id: cause.actorId, name: await this.repository.userName(tx, cause.actorId) } : null;
    const createdAt = new Date().toISOString();
    for (const userId of recipients) {
      const notification: NotificationDto = {
        id: randomUUID(),
        kind: cause.kind,
        taskId: cause.taskId ?? null,
        teamId: cause.teamId ?? null,
        actor,
        createdAt,
        readAt: null,
      };
      await this.repository.insert(tx, { ...notification, userId, actorId: cause.actorId });
      record({
        type: 'notification_created',
        actorId: cause.actorId ?? NO_ACTOR,
        taskId: notification.taskId,
        teamId: notification.teamId,
        mutationId: cause.mutationId,
        detail: { kind: 'notification', notification },
        recipients: [{ kind: 'user', id: userId, permission: null }],
      });
    }
  }

  async list(userId: string, query: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const [rows, count] = await this.db.read([
      this.repository.pageStatement(userId, query.unread === true, after, limit + 1),
      this.repository.unreadCountStatement(userId),
    ]);
    const items = this.repository.toDtos(rows).slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      unread_count: Number(count[0].n),
      next_cursor: rows.length > limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
    };
  }

  /** Marks the caller's notifications read; logs `notifications_read` to the caller when anything changed. */
  async markRead(userId: string, dto: MarkReadDto, mutationId: string | null): Promise<void> {
    if (dto.ids !== undefined && dto.all !== undefined) throw new BadRequestException(['ids and all cannot both be given']);
    await this.log.write(async ({ tx, record }) => {
      const ids = dto.all ? null : [...new Set(dto.ids)];
      const changed = await this.repository.markRead(tx, userId, ids, new Date().toISOString());
      if (changed.length === 0) return;
      record({
        type: 'notifications_read',
        actorId: userId,
        taskId: null,
        teamId: null,
        mutationId,
        detail: { kind: 'read', ids: ids ? changed : null },
        recipients: [{ kind: 'user', id: userId, permission: null }],
      });
    });
  }
}
