/**
 * An independent model of "who may see which task", rebuilt by replaying the event log in seq order. Task and team
 * events describe themselves (task snapshot, member and role); shares are not in the payload, so the caller tells
 * the model which share a `task_shared` / `task_unshared` event was, from the request that caused it.
 */
import type { LoggedEvent } from './event-log-reader';

export type Permission = 'owner' | 'team' | 'edit' | 'view';
const rank: Record<Permission, number> = { owner: 4, team: 3, edit: 2, view: 1 };

export interface ShareChange {
  userId: string;
  /** null: the share was removed. */
  permission: 'view' | 'edit' | null;
}

export class AudienceModel {
  private readonly tasks = new Map<string, { ownerId: string; teamId: string | null }>();
  private readonly shares = new Map<string, Map<string, 'view' | 'edit'>>();
  private readonly members = new Map<string, Map<string, string>>();

  /** Everyone who may see the task now, with the strongest reason. */
  audienceOf(taskId: string): Map<string, Permission> {
    const audience = new Map<string, Permission>();
    const task = this.tasks.get(taskId);
    if (!task) return audience;
    const grant = (userId: string, permission: Permission) => {
      const current = audience.get(userId);
      if (!current || rank[permission] > rank[current]) audience.set(userId, permission);
    };
    grant(task.ownerId, 'owner');
    for (const [userId, permission] of this.shares.get(taskId) ?? []) grant(userId, permission);
    if (task.teamId) for (const userId of this.members.get(task.teamId)?.keys() ?? []) grant(userId, 'team');
    return audience;
  }

  membersOf(teamId: string): string[] {
    return [...(this.members.get(teamId)?.keys() ?? [])];
  }

  taskIds(): string[] {
    return [...this.tasks.keys()];
  }

  /**
   * Applies one event and answers the recipients it must have had: for a task event the audience before ∪ after,
   * each with its permission after (null when it lost the task); for a team event the members before ∪ the member.
   */
  apply(event: LoggedEvent, share: ShareChange | null): Map<string, Permission | null> {
    if (event.type === 'team_member_added' || event.type === 'team_member_removed') return this.applyMembership(event);
    const taskId = event.taskId as string;
    const before = this.audienceOf(taskId);
    if (event.type === 'task_deleted') {
      this.tasks.delete(taskId);
      this.shares.delete(taskId);
    } else {
      const snapshot = event.payload.task as { ownerId: string; teamId: string | null };
      this.tasks.set(taskId, { ownerId: snapshot.ownerId, teamId: snapshot.teamId });
    }
    if (event.type === 'task_shared' || event.type === 'task_unshared') {
      if (!share) throw new Error(`seq ${event.seq}: ${event.type} without the share it changed`);
      const shares = this.shares.get(taskId) ?? new Map<string, 'view' | 'edit'>();
      if (share.permission) shares.set(share.userId, share.permission);
      else shares.delete(share.userId);
      this.shares.set(taskId, shares);
    }
    const after = this.audienceOf(taskId);
    const recipients = new Map<string, Permission | null>(after);
    for (const userId of before.keys()) if (!after.has(userId)) recipients.set(userId, null);
    return recipients;
  }

  private applyMembership(event: LoggedEvent): Map<string, Permission | null> {
    const teamId = event.teamId as string;
    const memberId = event.payload.member_id as string;
    const members = this.members.get(teamId) ?? new Map<string, string>();
    const recipients = new Map<string, Permission | null>([...members.keys(), memberId].map((userId) => [userId, null]));
    if (event.type === 'team_member_added') members.set(memberId, String(event.payload.role));
    else members.delete(memberId);
    this.members.set(teamId, members);
    return recipients;
  }
}
