import { Injectable, NotFoundException } from '@nestjs/common';
import type { EventRecipient } from '../event-log/event-log-entry';
import { type Sql, SqlDatabase } from '../platform/database/sql-database';
import { AccessRepository, type VisibleTask } from './access.repository';
import { type TaskAudience, taskAudience, taskChangeRecipients } from './audience';

/** The fields of a task that decide who can see it. */
export interface TaskRef {
  id: string;
  ownerId: string;
  teamId: string | null;
}

const notFound = () => new NotFoundException('Task not found');

/** The one answer to "who may see this task, and how". */
@Injectable()
export class AccessService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: AccessRepository,
  ) {}

  /** A task the caller can see, read outside any transaction; 404 whether it does not exist or is merely invisible. */
  async loadVisible(taskId: string, userId: string): Promise<VisibleTask> {
    const [rows] = await this.db.read([this.repository.taskStatement(taskId, userId)]);
    const visible = this.repository.toVisibleTask(rows, userId);
    if (!visible) throw notFound();
    return visible;
  }

  /**
   * The task a change is about, locked until the transaction ends so changes to it take turns and each computes its
   * audience from the one before. A changer who sees it only through its team also holds that membership, so it
   * cannot be removed under the change.
   */
  async lockForChange(tx: Sql, taskId: string, userId: string): Promise<VisibleTask> {
    const visible = await this.repository.lockTask(tx, taskId, userId);
    if (!visible) throw notFound();
    const { task, access } = visible;
    if (access.permission === 'team' && task.teamId) await this.repository.teamRole(tx, task.teamId, userId, true);
    return visible;
  }

  /** The caller's role in a team (held until the transaction ends), or null when not a member. */
  teamRole(tx: Sql, teamId: string, userId: string): ReturnType<AccessRepository['teamRole']> {
    return this.repository.teamRole(tx, teamId, userId, true);
  }

  /** Who can see the task now, as principals (its team is one). */
  async audienceOf(tx: Sql, task: TaskRef): Promise<TaskAudience> {
    return taskAudience(task, await this.repository.sharesOf(tx, task.id));
  }

  /** Recipients of a change whose audience was `before`: the audience now (nobody once deleted) ∪ before. */
  async recipientsAfter(tx: Sql, before: TaskAudience, task: TaskRef | null): Promise<EventRecipient[]> {
    return taskChangeRecipients(before, task ? await this.audienceOf(tx, task) : new Map());
  }

  /** A task the caller can see, read inside a change without locking it (a card to move after); null if invisible. */
  seenIn(tx: Sql, taskId: string, userId: string): Promise<VisibleTask | null> {
    return this.repository.readTask(tx, taskId, userId);
  }

  /** Which of `userIds` can see the task as it is (or will be: pass the task after the change). */
  whoCanSee(tx: Sql, task: TaskRef, userIds: readonly string[]): Promise<Set<string>> {
    return this.repository.whoCanSee(tx, task, userIds);
  }

  /** The caller's access to a task inside a change (after it has moved, say); null when it can no longer see it. */
  async accessIn(tx: Sql, taskId: string, userId: string): Promise<VisibleTask | null> {
    return this.repository.lockTask(tx, taskId, userId);
  }
}
