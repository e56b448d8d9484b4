import type { TaskPermission } from '@taskpulse/contract';
import type { EventRecipient } from '../event-log/event-log-entry';

/** Everyone who can see a task, with their permission. */
export type TaskAudience = Map<string, TaskPermission>;

/** Recipients of a task change: the audience before ∪ after, each with its permission after (null: lost access). */
export function taskChangeRecipients(before: TaskAudience, after: TaskAudience): EventRecipient[] {
  const recipients: EventRecipient[] = [];
  for (const [userId, permission] of after) recipients.push({ userId, permission });
  for (const userId of before.keys()) if (!after.has(userId)) recipients.push({ userId, permission: null });
  return recipients;
}

/** Recipients of a membership change: the team's members before the change, and the member concerned. */
export function membershipRecipients(membersBefore: string[], memberId: string): EventRecipient[] {
  return [...new Set([...membersBefore, memberId])].map((userId) => ({ userId, permission: null }));
}
