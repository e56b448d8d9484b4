import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventRecipient } from '../event-log/event-log-entry';
import { type Access, type AccessFacts, accessFrom } from './access-policy';
import { AccessRepository, type VisibleTask } from './access.repository';
import { type TaskAudience, taskChangeRecipients } from './audience';

/** The fields of a task that decide who can see it. */
export interface TaskRef {
  id: string;
  ownerId: string;
  teamId: string | null;
}

/** The one answer to "who may see this task, and how", read inside the caller's transaction. */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** Loads a task the caller can see; 404 whether it does not exist or is merely invisible to the caller. */
  async loadVisible(m: EntityManager, id: string, userId: string): Promise<VisibleTask> {
    const task = await this.repository.findTask(m, id);
    const access = task ? await this.accessOf(m, task, userId) : null;
    if (!task || !access) throw new NotFoundException('Task not found');
    return { task, access };
  }

  async isTeamMember(m: EntityManager, teamId: string, userId: string): Promise<boolean> {
    return (await this.repository.teamRole(m, teamId, userId)) !== null;
  }

  /** Everyone who can see the task, with their permission: the owner first, then its shares, then its team. */
  async audienceOf(m: EntityManager, task: TaskRef): Promise<TaskAudience> {
    const facts = new Map<string, AccessFacts>([[task.ownerId, { isOwner: true, share: null, teamRole: null }]]);
    const of = (userId: string): AccessFacts => {
      let known = facts.get(userId);
      if (!known) facts.set(userId, (known = { isOwner: false, share: null, teamRole: null }));
      return known;
    };
    for (const share of await this.repository.sharesOf(m, task.id)) of(share.userId).share = share.permission;
    if (task.teamId) for (const member of await this.repository.membersOf(m, task.teamId)) of(member.userId).teamRole = member.role;
    const audience: TaskAudience = new Map();
    for (const [userId, known] of facts) audience.set(userId, accessFrom(known)!.permission);
    return audience;
  }

  /**
   * Recipients of a task change whose audience was `before`: the audience now (read in this transaction; nobody
   * when the task is gone) ∪ before.
   */
  async recipientsAfter(m: EntityManager, before: TaskAudience, task: TaskRef | null): Promise<EventRecipient[]> {
    return taskChangeRecipients(before, task ? await this.audienceOf(m, task) : new Map());
  }

  /** The caller's access to a task, or null when it cannot see it. */
  private async accessOf(m: EntityManager, task: TaskRef, userId: string): Promise<Access | null> {
    const share = await this.repository.sharePermission(m, task.id, userId);
    const teamRole = task.teamId ? await this.repository.teamRole(m, task.teamId, userId) : null;
    return accessFrom({ isOwner: task.ownerId === userId, share, teamRole });
  }
}
