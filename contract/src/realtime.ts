/** The WebSocket wire protocol of `/api/ws`: server messages, client messages, error and close codes. */
import type { CommentDto } from './comment';
import type { NotificationDto } from './notification';
import type { TaskDto } from './task';
import type { TeamRole } from './team';

export const taskEventTypes = [
  'task_created',
  'task_updated',
  'task_completed',
  'task_reopened',
  'task_deleted',
  'task_shared',
  'task_unshared',
  'task_restored',
] as const;
export type TaskEventType = (typeof taskEventTypes)[number];

export const teamEventTypes = ['team_member_added', 'team_member_removed', 'team_updated'] as const;
export type TeamEventType = (typeof teamEventTypes)[number];

export const commentEventTypes = ['comment_added', 'comment_edited', 'comment_deleted'] as const;
export type CommentEventType = (typeof commentEventTypes)[number];

/** Events addressed to one user only (every tab of theirs updates its badge). */
export const notificationEventTypes = ['notification_created', 'notifications_read'] as const;
export type NotificationEventType = (typeof notificationEventTypes)[number];

/** Event types that are written to the event log and carry a `seq`. */
export const loggedEventTypes = [...taskEventTypes, ...teamEventTypes, ...commentEventTypes, ...notificationEventTypes] as const;
export type LoggedEventType = TaskEventType | TeamEventType | CommentEventType | NotificationEventType;

/** Who made a logged change (`data.actor`), so a feed never says "someone"; null only when nobody acted (due_soon). */
export interface EventActor {
  id: string;
  name: string;
}

/** Messages without a seq: about the connection, and `presence` (ephemeral, never logged). */
export const controlEventTypes = ['connection_ack', 'replay_complete', 'resync_required', 'pong', 'error', 'presence'] as const;
export type ControlEventType = (typeof controlEventTypes)[number];

export const serverEventTypes = [...controlEventTypes, ...loggedEventTypes] as const;
export type ServerEventType = LoggedEventType | ControlEventType;

export interface TaskEventData {
  task_id: string;
  /** The actor. */
  user_id: string;
  team_id: string | null;
  /** The task as this recipient sees it after the change; null when it can no longer see it. */
  task: TaskDto | null;
  mutation_id?: string | null;
  actor: EventActor | null;
}

export interface TeamEventData {
  team_id: string;
  /** The member added or removed (team_updated: the actor). */
  user_id: string;
  actor_id: string;
  /** The member's role after the change (team_member_added only). */
  role?: TeamRole;
  /** The team's name after the change (team_updated only). */
  name?: string;
  mutation_id?: string | null;
  actor: EventActor | null;
}

export interface CommentEventData {
  task_id: string;
  /** The actor. */
  user_id: string;
  team_id: string | null;
  comment_id: string;
  /** The comment after the change; null on delete. */
  comment: CommentDto | null;
  /** The task's number of comments after the change. */
  comment_count: number;
  mutation_id?: string | null;
  actor: EventActor | null;
}

export interface NotificationCreatedData {
  notification: NotificationDto;
  mutation_id?: string | null;
  actor: EventActor | null;
}

/** Either the ids marked read, or `all: true` (every notification up to this event). */
export interface NotificationsReadData {
  ids?: string[];
  all?: true;
  mutation_id?: string | null;
  actor: EventActor | null;
}

export interface ConnectionAckData {
  user_id: string;
  connection_id: string;
  /** Head of the event log when the connection was accepted. */
  seq: number;
  heartbeat_ms: number;
  /** When the token this connection was authenticated with expires (ISO-8601). */
  expires_at: string;
}

/** What someone is doing with a task: looking at it, or editing it (and which field). */
export const presenceStates = ['viewing', 'editing'] as const;
export type PresenceState = (typeof presenceStates)[number];

export interface PresenceUser {
  user_id: string;
  name: string;
  state: PresenceState;
  /** The field being edited (`title`, `description`, …); null while viewing or when not said. */
  field: string | null;
}

/** Everyone else present on a task now (the recipient is never in the list); `users` empty when nobody is. */
export interface PresenceData {
  task_id: string;
  users: PresenceUser[];
}

/** How long a presence lasts after its last heartbeat. */
export const PRESENCE_TTL_MS = 30_000;

export interface ServerEventDataMap {
  connection_ack: ConnectionAckData;
  replay_complete: { seq: number };
  resync_required: { reason: string };
  pong: { id: string | null };
  error: { code: ErrorCode; message: string };
  presence: PresenceData;
  task_created: TaskEventData;
  task_updated: TaskEventData;
  task_completed: TaskEventData;
  task_reopened: TaskEventData;
  task_deleted: TaskEventData;
  task_shared: TaskEventData;
  task_unshared: TaskEventData;
  task_restored: TaskEventData;
  team_member_added: TeamEventData;
  team_member_removed: TeamEventData;
  team_updated: TeamEventData;
  comment_added: CommentEventData;
  comment_edited: CommentEventData;
  comment_deleted: CommentEventData;
  notification_created: NotificationCreatedData;
  notifications_read: NotificationsReadData;
}

export interface ServerMessage<T extends ServerEventType = ServerEventType> {
  event_type: T;
  timestamp: string;
  /** Present on logged events (and mirrored in connection_ack / replay_complete data). */
  seq?: number;
  data: ServerEventDataMap[T];
}

/** Any message the server may send, discriminated by `event_type`. */
export type AnyServerMessage = { [K in ServerEventType]: ServerMessage<K> }[ServerEventType];

/** Presence on a task, repeated within PRESENCE_TTL_MS to stay present; `left` ends it at once. */
export interface PresenceMessage {
  type: 'presence';
  task_id: string;
  state: PresenceState | 'left';
  field?: string;
}

export type ClientMessage = { type: 'ping'; id?: string } | { type: 'auth'; token: string } | PresenceMessage;
export const clientMessageTypes = ['ping', 'auth', 'presence'] as const;
export type ClientMessageType = (typeof clientMessageTypes)[number];

export const errorCodes = {
  BAD_JSON: 'bad_json',
  UNKNOWN_TYPE: 'unknown_type',
  BAD_FIELD: 'bad_field',
} as const;
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

export const closeCodes = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  TRY_AGAIN_LATER: 1013,
  TOKEN_INVALID: 4401,
  FORBIDDEN_USER: 4403,
} as const;
export type CloseCode = (typeof closeCodes)[keyof typeof closeCodes];

type WithSeq<U> = U extends unknown ? U & { seq: number } : never;
/** A logged event (it carries a seq), narrowed from any server message. */
export type LoggedServerMessage = WithSeq<Extract<AnyServerMessage, { event_type: LoggedEventType }>>;
export type TaskServerMessage = WithSeq<Extract<AnyServerMessage, { event_type: TaskEventType }>>;

export function isLoggedEvent(message: AnyServerMessage): message is LoggedServerMessage {
  return (loggedEventTypes as readonly string[]).includes(message.event_type);
}

export function isTaskEvent(message: AnyServerMessage): message is TaskServerMessage {
  return (taskEventTypes as readonly string[]).includes(message.event_type);
}

/** Why `resync_required` was sent (its `data.reason`). */
export const resyncReasons = {
  /** `since` is older than the log keeps (events were pruned). */
  SINCE_TOO_OLD: 'since_too_old',
  /** `since` is not a non-negative integer. */
  SINCE_INVALID: 'since_invalid',
  /** More of the user's events happened since `since` than a resume replays (`REPLAY_MAX_EVENTS`). */
  TOO_FAR_BEHIND: 'too_far_behind',
} as const;
export type ResyncReason = (typeof resyncReasons)[keyof typeof resyncReasons];
