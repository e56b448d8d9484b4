import type {
  AnyServerMessage,
  CommentDto,
  NotificationDto,
  LoggedEventType,
  ServerEventDataMap,
  ServerMessage,
  TaskDto,
  TaskEventType,
  TrashedTaskDto,
} from '@taskpulse/contract';

let counter = 0;

export function aTask(overrides: Partial<TaskDto> = {}): TaskDto {
  counter++;
  return {
    id: `task-${counter}`,
    title: `Task ${counter}`,
    description: '',
    status: 'pending',
    priority: 'medium',
    dueDate: null,
    ownerId: 'user-me',
    teamId: null,
    createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, counter)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 1, 1, 0, 0, counter)).toISOString(),
    completedAt: null,
    version: 1,
    permission: 'owner',
    assigneeIds: [],
    labels: [],
    checklist: [],
    position: `k${String(counter).padStart(6, '0')}`,
    commentCount: 0,
    ...overrides,
  };
}

/** A task in the trash: deleted by its owner (me) a minute after the builders' epoch unless told otherwise. */
export function aTrashedTask(overrides: Partial<TrashedTaskDto> = {}): TrashedTaskDto {
  return { ...aTask(), deletedAt: '2026-02-07T11:59:00.000Z', deletedBy: 'user-me', ...overrides };
}

export function message<T extends AnyServerMessage['event_type']>(
  type: T,
  data: ServerEventDataMap[T],
  seq?: number,
): ServerMessage<T> & AnyServerMessage {
  return { event_type: type, timestamp: '2026-02-07T12:00:00.000Z', ...(seq === undefined ? {} : { seq }), data } as ServerMessage<T> &
    AnyServerMessage;
}

export function ack(seq: number, userId = 'user-me'): AnyServerMessage {
  return message('connection_ack', {
    user_id: userId,
    connection_id: 'conn-1',
    seq,
    heartbeat_ms: 30_000,
    expires_at: '2026-02-07T12:15:00.000Z',
  });
}

export function taskEvent(
  type: TaskEventType,
  seq: number,
  task: TaskDto | null,
  extra: { taskId?: string; actor?: string; actorName?: string; mutationId?: string } = {},
): AnyServerMessage {
  return message(
    type,
    {
      task_id: task?.id ?? extra.taskId ?? 'task-unknown',
      user_id: extra.actor ?? 'user-other',
      team_id: task?.teamId ?? null,
      task,
      mutation_id: extra.mutationId ?? null,
      actor: extra.actor && extra.actorName ? { id: extra.actor, name: extra.actorName } : null,
    },
    seq,
  );
}

/** Any logged event type with plausible data. */
export function loggedEvent(type: LoggedEventType, seq: number): AnyServerMessage {
  const actor = { id: 'user-admin', name: 'Admin' };
  if (type === 'team_member_added' || type === 'team_member_removed' || type === 'team_updated') {
    return message(type, { team_id: 'team-1', user_id: 'user-other', actor_id: 'user-admin', role: 'member', actor }, seq);
  }
  if (type === 'comment_added' || type === 'comment_edited' || type === 'comment_deleted') {
    const comment = type === 'comment_deleted' ? null : aComment({ id: 'comment-x', taskId: 'task-x' });
    const data = { task_id: 'task-x', user_id: 'user-admin', team_id: null, comment_id: 'comment-x', comment, comment_count: 1, actor };
    return message(type, data, seq);
  }
  if (type === 'notification_created') {
    return message(type, { notification: aNotification(), actor }, seq);
  }
  if (type === 'notifications_read') {
    return message(type, { all: true, actor: null }, seq);
  }
  const task = type === 'task_deleted' || type === 'task_unshared' ? null : aTask();
  return taskEvent(type, seq, task, { taskId: 'task-x' });
}

export function aComment(overrides: Partial<CommentDto> = {}): CommentDto {
  counter++;
  return {
    id: `comment-${counter}`,
    taskId: 'task-1',
    authorId: 'user-other',
    authorName: 'Other Person',
    body: `Comment ${counter}`,
    mentions: [],
    createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, counter)).toISOString(),
    editedAt: null,
    ...overrides,
  };
}

export function aNotification(overrides: Partial<NotificationDto> = {}): NotificationDto {
  counter++;
  return {
    id: `notification-${counter}`,
    kind: 'mentioned',
    taskId: 'task-1',
    teamId: null,
    actor: { id: 'user-other', name: 'Other Person' },
    createdAt: new Date(Date.UTC(2026, 1, 1, 0, 0, counter)).toISOString(),
    readAt: null,
    ...overrides,
  };
}
