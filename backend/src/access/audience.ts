import type { SharePermission } from '@taskpulse/contract';
import type { EventRecipient } from '../event-log/event-log-entry';

/** Everyone who can see a task, as principals: its owner and share recipients as users, its team as one principal. */
export type TaskAudience = Map<string, EventRecipient>;

const key = (recipient: Pick<EventRecipient, 'kind' | 'id'>) => `${recipient.kind}:${recipient.id}`;

/** The audience of a task from the facts: owner, shares, team. A team's members are resolved at delivery and replay. */
export function taskAudience(
  task: { ownerId: string; teamId: string | null },
  shares: ReadonlyArray<{ userId: string; permission: SharePermission }>,
): TaskAudience {
  const audience: TaskAudience = new Map();
  const add = (recipient: EventRecipient) => audience.set(key(recipient), recipient);
  for (const share of shares) add({ kind: 'user', id: share.userId, permission: share.permission });
  add({ kind: 'user', id: task.ownerId, permission: 'owner' });
  if (task.teamId) add({ kind: 'team', id: task.teamId, permission: 'team' });
  return audience;
}

/** Recipients of a task change: the audience after, and everyone of the audience before with null (lost sight). */
export function taskChangeRecipients(before: TaskAudience, after: TaskAudience): EventRecipient[] {
  const recipients = [...after.values()];
  for (const [principal, recipient] of before) if (!after.has(principal)) recipients.push({ ...recipient, permission: null });
  return recipients;
}

/** The audience after a change of the task's own fields (owner and shares stay; the team may have changed). */
export function audienceAfterEdit(before: TaskAudience, task: { teamId: string | null }): TaskAudience {
  const after: TaskAudience = new Map([...before].filter(([, recipient]) => recipient.kind === 'user'));
  if (task.teamId) after.set(key({ kind: 'team', id: task.teamId }), { kind: 'team', id: task.teamId, permission: 'team' });
  return after;
}
