import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommentDto, CommentEventType, CommentPage } from '@taskpulse/contract';
import type { VisibleTask } from '../access/access.repository';
import { AccessService } from '../access/access.service';
import { type Change, EventLogService } from '../event-log/event-log.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Sql } from '../platform/database/sql-database';
import { AddCommentDto, EditCommentDto, ListCommentsQuery } from './dto/comment.dto';
import { CommentsRepository } from './comments.repository';

const invalidCursor = () => new BadRequestException(['cursor is not valid']);

function decodeCursor(cursor: string): [string, string] {
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !at || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw invalidCursor();
  return [at, id];
}

const commentNotFound = () => new NotFoundException('Comment not found');

/**
 * Comments on a task: anyone who sees the task reads and writes them (view shares too); the author edits; the
 * author, the task's owner or an admin of its team deletes. Each change is logged to the task's audience with
 * the task locked, so comment events and task events of one task are in one order; it notifies, in the same
 * transaction, whoever it mentions and the task's owner and assignees.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly repository: CommentsRepository,
    private readonly access: AccessService,
    private readonly log: EventLogService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(userId: string, taskId: string, query: ListCommentsQuery): Promise<CommentPage> {
    await this.access.loadVisible(taskId, userId);
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const { results, head } = await this.log.readWithHead([this.repository.pageStatement(taskId, after, limit + 1)]);
    const items = this.repository.toDtos(results[0]).slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      next_cursor: results[0].length > limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null,
      seq: head,
    };
  }

  /** 201 with the comment; the same client id again from its author on the same task answers it (`created: false`). */
  async add(
    userId: string,
    taskId: string,
    dto: AddCommentDto,
    mutationId: string | null,
  ): Promise<{ comment: CommentDto; created: boolean }> {
    return this.log.write(async (change) => {
      const { tx } = change;
      const visible = await this.access.lockForChange(tx, taskId, userId);
      if (dto.id) {
        const existing = await this.repository.find(tx, dto.id);
        if (existing?.authorId === userId && existing.taskId === taskId) return { comment: existing, created: false };
        if (existing) throw new ConflictException('A comment with this id already exists');
      }
      const mentions = dto.mentions ?? [];
      await this.checkMentions(tx, visible, mentions);
      const comment: CommentDto = {
        id: dto.id ?? randomUUID(),
        taskId,
        authorId: userId,
        authorName: '',
        body: dto.body,
        mentions,
        createdAt: new Date().toISOString(),
        editedAt: null,
      };
      await this.repository.insert(tx, comment);
      const saved = (await this.repository.find(tx, comment.id)) as CommentDto;
      const count = await this.repository.addToCount(tx, taskId, 1);
      await this.recordChange(change, visible, 'comment_added', saved, saved.id, count, userId, mutationId);
      await this.notifyAbout(change, visible, mentions, [], userId, mutationId);
      return { comment: saved, created: true };
    });
  }

  /** The author only; mentions given replace the old ones (new ones are notified). */
  async edit(userId: string, taskId: string, commentId: string, dto: EditCommentDto, mutationId: string | null): Promise<CommentDto> {
    return this.log.write(async (change) => {
      const { tx } = change;
      const visible = await this.access.lockForChange(tx, taskId, userId);
      const comment = await this.repository.find(tx, commentId);
      if (!comment || comment.taskId !== taskId) throw commentNotFound();
      if (comment.authorId !== userId) throw new ForbiddenException('Only its author can edit a comment');
      const mentions = dto.mentions ?? comment.mentions;
      if (dto.body === comment.body && JSON.stringify(mentions) === JSON.stringify(comment.mentions)) return comment;
      // Only new mentions are checked: someone mentioned earlier who has since lost sight of the task stays mentioned.
      const added = mentions.filter((id) => !comment.mentions.includes(id));
      await this.checkMentions(tx, visible, added);
      const edited: CommentDto = { ...comment, body: dto.body, mentions, editedAt: new Date().toISOString() };
      await this.repository.update(tx, commentId, edited.body, mentions, edited.editedAt as string);
      await this.recordChange(change, visible, 'comment_edited', edited, commentId, visible.task.commentCount, userId, mutationId);
      await this.notifications.notify(change, added, {
        kind: 'mentioned',
        actorId: userId,
        taskId,
        teamId: visible.task.teamId,
        mutationId,
      });
      return edited;
    });
  }

  /** The author, the task's owner, or an admin of the task's team. */
  async remove(userId: string, taskId: string, commentId: string, mutationId: string | null): Promise<void> {
    await this.log.write(async (change) => {
      const { tx } = change;
      const visible = await this.access.lockForChange(tx, taskId, userId);
      const comment = await this.repository.find(tx, commentId);
      if (!comment || comment.taskId !== taskId) throw commentNotFound();
      const { permission, teamRole } = visible.access;
      if (comment.authorId !== userId && permission !== 'owner' && teamRole !== 'admin') {
        throw new ForbiddenException('Only its author, the task owner or a team admin can delete a comment');
      }
      await this.repository.delete(tx, commentId);
      const count = await this.repository.addToCount(tx, taskId, -1);
      await this.recordChange(change, visible, 'comment_deleted', null, commentId, count, userId, mutationId);
    });
  }

  /** Everyone mentioned must be able to see the task. */
  private async checkMentions(tx: Sql, { task }: VisibleTask, mentions: readonly string[]): Promise<void> {
    if (mentions.length === 0) return;
    const seeing = await this.access.whoCanSee(tx, task, mentions);
    if (seeing.size !== mentions.length) throw new BadRequestException(['mentions must be people who can see the task']);
  }

  /** The task's audience hears the change; its permission decides nothing else (every member of it may read comments). */
  private async recordChange(
    { tx, record }: Change,
    { task }: VisibleTask,
    type: CommentEventType,
    comment: CommentDto | null,
    commentId: string,
    commentCount: number,
    actorId: string,
    mutationId: string | null,
  ): Promise<void> {
    const audience = await this.access.audienceOf(tx, task);
    record({
      type,
      actorId,
      taskId: task.id,
      teamId: task.teamId,
      mutationId,
      detail: { kind: 'comment', commentId, comment, commentCount },
      recipients: [...audience.values()],
    });
  }

  /** `mentioned` for the mentioned; `commented` for the owner and assignees who see the task and were not mentioned. */
  private async notifyAbout(
    change: Change,
    { task }: VisibleTask,
    mentions: readonly string[],
    alreadyMentioned: readonly string[],
    actorId: string,
    mutationId: string | null,
  ): Promise<void> {
    const mentioned = mentions.filter((id) => !alreadyMentioned.includes(id));
    const cause = { actorId, taskId: task.id, teamId: task.teamId, mutationId };
    await this.notifications.notify(change, mentioned, { ...cause, kind: 'mentioned' });
    const concerned = await this.access.whoCanSee(change.tx, task, [task.ownerId, ...task.assigneeIds]);
    await this.notifications.notify(
      change,
      [...concerned].filter((id) => !mentions.includes(id)),
      { ...cause, kind: 'commented' },
    );
  }
}
