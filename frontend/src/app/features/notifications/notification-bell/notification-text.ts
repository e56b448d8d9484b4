import type { NotificationDto } from '@taskpulse/contract';

/** "Ben Okafor mentioned you on “Launch plan”". */
export function notificationText(notification: NotificationDto, title: string | null, team: string | null): string {
  const who = notification.actor?.name ?? 'Someone';
  const task = title ? `“${title}”` : 'a task';
  switch (notification.kind) {
    case 'assigned':
      return `${who} assigned you to ${task}`;
    case 'mentioned':
      return `${who} mentioned you on ${task}`;
    case 'commented':
      return `${who} commented on ${task}`;
    case 'shared':
      return `${who} shared ${task} with you`;
    case 'added_to_team':
      return `${who} added you to ${team ?? 'a team'}`;
    case 'due_soon':
      return `${task} is due within a day`;
  }
}
