import type { EventActor } from './realtime';

/** Notifications, per user (`/api/notifications`). */
export const notificationKinds = ['assigned', 'mentioned', 'commented', 'shared', 'added_to_team', 'due_soon'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  taskId: string | null;
  teamId: string | null;
  /** Who caused it; null for due_soon. */
  actor: EventActor | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationDto[];
  unread_count: number;
  next_cursor: string | null;
}
