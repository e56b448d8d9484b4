import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { query } from '../database/unit-of-work';
import type { EventLogEntry, EventRecipient } from '../events/event-log-entry';
import { EventLogService } from '../events/event-log.service';
import type { SharePermission, TaskEventType, TaskPermission, TeamRole } from '@taskpulse/contract';
import { TaskEntity } from '../tasks/task.entity';
import { toSnapshot } from '../tasks/task.mapper';

export interface TaskRef {
  id: string;
  ownerId: string;
  teamId: string | null;
}

export interface Access {
  permission: TaskPermission;
  /** The caller's role in the task's team, when it is a member. */
  teamRole: TeamRole | null;
}

const rank: Record<TaskPermission, number> = { owner: 4, team: 3, edit: 2, view: 1 };

/** Picks the strongest reason to see a task: owner > team > edit > view. */
export function strongest(a: TaskPermission | undefined, b: TaskPermission): TaskPermission {
  return a && rank[a] >= rank[b] ? a : b;
}

export function canChange(permission: TaskPermission): boolean {
  return permission !== 'view';
}

/** Only the owner or an admin of the task's team may delete it or move it to another team. */
export function canDeleteOrReteam(access: Access): boolean {
  return access.permission === 'owner' || access.teamRole === 'admin';
}

/** The one answer to "who may see this task, and how". */
@Injectable()
export class Audience {
  constructor(private readonly log: EventLogService) {}

  /** Loads a task the caller can see; 404 whether it does not exist or is merely invisible to the caller. */
  async loadVisible(m: EntityManager, id: string, userId: string): Promise<{ task: TaskEntity; access: Access }> {
    const task = await m.findOneBy(TaskEntity, { id });
    const access = task ? await this.accessOf(m, task, userId) : null;
    if (!task || !access) throw new NotFoundException('Task not found');
    return { task, access };
  }

  /** Appends a task change to the log; recipients are the audience before ∪ after, read in this transaction. */
  async recordTaskChange(
    m: EntityManager,
    type: TaskEventType,
    task: TaskEntity,
    before: Map<string, TaskPermission>,
    actorId: string,
    mutationId: string | null,
  ): Promise<EventLogEntry> {
    const after = await this.of(m, task);
    return this.log.appendInTransaction(m, {
      type,
      actorId,
      taskId: task.id,
      teamId: task.teamId,
      mutationId,
      task: toSnapshot(task),
      member: null,
      recipients: recipientsOf(before, after),
    });
  }

  /** Everyone who can see the task, with their permission. */
  async of(m: EntityManager, task: TaskRef): Promise<Map<string, TaskPermission>> {
    const audience = new Map<string, TaskPermission>([[task.ownerId, 'owner']]);
    const shares = await query<{ user_id: string; permission: SharePermission }>(
      m,
      'SELECT user_id, permission FROM task_shares WHERE task_id = :taskId',
      { taskId: task.id },
    );
    for (const share of shares) audience.set(share.user_id, strongest(audience.get(share.user_id), share.permission));
    if (task.teamId) {
      const members = await query<{ user_id: string }>(m, 'SELECT user_id FROM team_members WHERE team_id = :teamId', {
        teamId: task.teamId,
      });
      for (const member of members) audience.set(member.user_id, strongest(audience.get(member.user_id), 'team'));
    }
    return audience;
  }

  /** The caller's access to a task, or null when it cannot see it. */
  async accessOf(m: EntityManager, task: TaskRef, userId: string): Promise<Access | null> {
    const [share] = await query<{ permission: SharePermission }>(
      m,
      'SELECT permission FROM task_shares WHERE task_id = :taskId AND user_id = :userId',
      { taskId: task.id, userId },
    );
    const [member] = task.teamId
      ? await query<{ role: TeamRole }>(m, 'SELECT role FROM team_members WHERE team_id = :teamId AND user_id = :userId', {
          teamId: task.teamId,
          userId,
        })
      : [];
    let permission: TaskPermission | undefined = task.ownerId === userId ? 'owner' : undefined;
    if (member) permission = strongest(permission, 'team');
    if (share) permission = strongest(permission, share.permission);
    return permission ? { permission, teamRole: member?.role ?? null } : null;
  }
}

/** Recipients of a change: the audience before ∪ after, each with its permission after (null: lost access). */
export function recipientsOf(before: Map<string, TaskPermission>, after: Map<string, TaskPermission>): EventRecipient[] {
  const recipients: EventRecipient[] = [];
  for (const [userId, permission] of after) recipients.push({ userId, permission });
  for (const userId of before.keys()) if (!after.has(userId)) recipients.push({ userId, permission: null });
  return recipients;
}
