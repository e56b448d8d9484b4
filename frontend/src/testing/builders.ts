import type { AnyServerMessage, LoggedEventType, ServerEventDataMap, ServerMessage, TaskDto, TaskEventType } from '@taskpulse/contract';

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
    position: `a${counter}`,
    commentCount: 0,
    ...overrides,
  };
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
  extra: { taskId?: string; actor?: string; mutationId?: string } = {},
): AnyServerMessage {
  return message(
    type,
    {
      task_id: task?.id ?? extra.taskId ?? 'task-unknown',
      user_id: extra.actor ?? 'user-other',
      team_id: task?.teamId ?? null,
      task,
      mutation_id: extra.mutationId ?? null,
      actor: { id: extra.actor ?? 'user-other', name: 'Other' },
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
    return message(
      type,
      { task_id: 'task-x', user_id: 'user-admin', team_id: null, comment_id: 'comment-1', comment: null, comment_count: 0, actor },
      seq,
    );
  }
  if (type === 'notification_created') {
    const notification = {
      id: 'n-1',
      kind: 'shared' as const,
      taskId: 'task-x',
      teamId: null,
      actor,
      createdAt: '2026-02-07T12:00:00.000Z',
      readAt: null,
    };
    return message(type, { notification, actor }, seq);
  }
  if (type === 'notifications_read') return message(type, { all: true, actor: { id: 'user-me', name: 'Me' } }, seq);
  const task = type === 'task_deleted' || type === 'task_unshared' ? null : aTask();
  return taskEvent(type, seq, task, { taskId: 'task-x' });
}
