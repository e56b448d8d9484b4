import type { EventLogEntry } from '../event-log/event-log-entry';
import type {
  CommentEventData,
  LoggedEventType,
  NotificationCreatedData,
  NotificationsReadData,
  ServerMessage,
  TaskEventData,
  TaskPermission,
  TeamEventData,
} from '@taskpulse/contract';

/**
 * The message one recipient gets for a logged event. Every recipient with the same permission gets the same
 * bytes, except the actor: `mutation_id` goes only to the actor's own copy, so nobody else learns it and dresses
 * their own change up as the actor's echo. Callers serialise once per distinct (permission, actor or not).
 */
export function eventMessage(entry: EventLogEntry, permission: TaskPermission | null, recipientId: string): ServerMessage<LoggedEventType> {
  const common = { event_type: entry.type, timestamp: entry.timestamp, seq: entry.seq };
  const actor = entry.actor;
  const mutationId = recipientId === entry.actorId ? entry.mutationId : null;
  if (entry.member || entry.detail?.kind === 'team') {
    const data: TeamEventData = {
      team_id: entry.teamId as string,
      user_id: entry.member ? entry.member.userId : entry.actorId,
      actor_id: entry.actorId,
      mutation_id: mutationId,
      actor,
    };
    if (entry.member?.role) data.role = entry.member.role;
    if (entry.detail?.kind === 'team') data.name = entry.detail.name;
    return { ...common, data };
  }
  const detail = entry.detail;
  if (detail?.kind === 'comment') {
    const data: CommentEventData = {
      task_id: entry.taskId as string,
      user_id: entry.actorId,
      team_id: entry.teamId,
      comment_id: detail.commentId,
      comment: permission ? detail.comment : null,
      comment_count: detail.commentCount,
      mutation_id: mutationId,
      actor,
    };
    return { ...common, data };
  }
  if (detail?.kind === 'notification') {
    const data: NotificationCreatedData = { notification: detail.notification, mutation_id: mutationId, actor };
    return { ...common, data };
  }
  if (detail?.kind === 'read') {
    const data: NotificationsReadData = {
      ...(detail.ids ? { ids: detail.ids } : { all: true as const }),
      mutation_id: mutationId,
      actor,
    };
    return { ...common, data };
  }
  const data: TaskEventData = {
    task_id: entry.taskId as string,
    user_id: entry.actorId,
    team_id: entry.task ? entry.task.teamId : entry.teamId,
    task: entry.task && permission ? { ...entry.task, permission } : null,
    mutation_id: mutationId,
    actor,
  };
  return { ...common, data };
}
