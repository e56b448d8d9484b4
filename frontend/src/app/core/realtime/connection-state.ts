/** The realtime connection as one explicit state, with what drives it (inputs) and what it asks for (effects). */
import type { AnyServerMessage } from '@taskpulse/contract';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'error';

/** Where the stream of logged events stands: kept across reconnects, forgotten on sign-out and on resync. */
export interface StreamPosition {
  /** The last logged event delivered; the next socket resumes after it (`since`). */
  readonly lastSeq: number | null;
  /** Every logged event after this seq has been (or will be) delivered; null until a socket is acknowledged. */
  readonly coveredFrom: number | null;
}

/** Failures since the last `connection_ack`. */
export interface Retries {
  /** The next backoff step. */
  readonly attempt: number;
  /** Token refreshes tried: the first reconnects at once, later ones back off. */
  readonly refreshes: number;
}

/**
 * Why there is no socket while the retry timer runs; it decides the status shown meanwhile. `offline`: the
 * browser says it has no network, so no socket is tried until its `online` event.
 */
export type WaitReason = 'failed' | 'closed' | 'refreshed' | 'offline';

/** Signed out, or never connected: no socket, no polling. */
export interface Idle {
  readonly kind: 'idle';
}

/** A socket was created, resuming after `since`; the browser has not opened it yet. */
export interface Opening {
  readonly kind: 'opening';
  readonly since: number | null;
  readonly position: StreamPosition;
  readonly retries: Retries;
}

/** The socket is open and pinged; the server has not sent `connection_ack` yet. */
export interface Handshaking {
  readonly kind: 'handshaking';
  readonly since: number | null;
  readonly position: StreamPosition;
  readonly retries: Retries;
  readonly awaitingPong: boolean;
}

/** Acknowledged: events flow. A successful handshake clears the retries. */
export interface Live {
  readonly kind: 'live';
  readonly since: number | null;
  readonly position: StreamPosition;
  readonly awaitingPong: boolean;
}

/** No usable access token: refreshing it, then reconnecting after `thenWaitMs` (0: at once). */
export interface Authenticating {
  readonly kind: 'authenticating';
  readonly position: StreamPosition;
  readonly retries: Retries;
  readonly thenWaitMs: number;
}

/** No socket; the retry timer runs for `delayMs`, or the browser's `online` event cuts it short. */
export interface Waiting {
  readonly kind: 'waiting';
  readonly position: StreamPosition;
  readonly retries: Retries;
  readonly delayMs: number;
  readonly reason: WaitReason;
}

/** The log no longer reaches back to our seq: waiting for the app's REST refetch (`resumeFrom`) or the grace timer. */
export interface Resyncing {
  readonly kind: 'resyncing';
  readonly retries: Retries;
}

/**
 * Still signed in, so the app keeps polling, but not reconnecting: the server closed normally, or the session
 * is ending.
 */
export interface Stopped {
  readonly kind: 'stopped';
  readonly position: StreamPosition;
}

export type ConnectionState = Idle | Opening | Handshaking | Live | Authenticating | Waiting | Resyncing | Stopped;

/** What happens to the connection: calls from the app, socket callbacks, timers, token refresh results. */
export type ConnectionInput =
  /** `from`: where another tab's connection left off, when this tab takes over from it. */
  | { readonly type: 'connect'; readonly from?: StreamPosition }
  | { readonly type: 'disconnect' }
  | { readonly type: 'opened' }
  | { readonly type: 'message'; readonly message: AnyServerMessage }
  | { readonly type: 'closed'; readonly code: number }
  /** The socket's `error` event, or a socket that could not even be created. */
  | { readonly type: 'failed' }
  | { readonly type: 'pingDue' }
  /** The last ping went unanswered for `PONG_TIMEOUT_MS`. */
  | { readonly type: 'pongOverdue' }
  /** A REST request got no answer at all: check the socket now rather than at the next ping. */
  | { readonly type: 'probe' }
  | { readonly type: 'timerFired' }
  | { readonly type: 'online' }
  | { readonly type: 'offline' }
  | { readonly type: 'tokenRefreshed' }
  | { readonly type: 'refreshFailed'; readonly transient: boolean }
  | { readonly type: 'resumeFrom'; readonly seq: number | null };

/** What the service must do for a transition, in this order. */
export type ConnectionEffect =
  | { readonly type: 'openSocket'; readonly token: string; readonly since: number | null }
  /** Lets go of the current socket and its pings; `goodbye` sends a close frame first (only on an open socket). */
  | { readonly type: 'closeSocket'; readonly goodbye?: { readonly code: number; readonly reason: string } }
  | { readonly type: 'startPing' }
  /** Sends a ping; the service then expects an answer within `PONG_TIMEOUT_MS` (else `pongOverdue`). */
  | { readonly type: 'sendPing' }
  | { readonly type: 'startTimer'; readonly delayMs: number }
  | { readonly type: 'stopTimer' }
  | { readonly type: 'refreshToken' }
  | { readonly type: 'cancelRefresh' }
  | { readonly type: 'signOut'; readonly notice: string }
  | { readonly type: 'deliver'; readonly message: AnyServerMessage }
  | { readonly type: 'resync'; readonly reason: string };

export interface ConnectionStep {
  readonly state: ConnectionState;
  readonly effects: readonly ConnectionEffect[];
}

export const IDLE: Idle = { kind: 'idle' };

const WAITING_STATUS: Record<WaitReason, ConnectionStatus> = {
  failed: 'error',
  closed: 'disconnected',
  refreshed: 'connecting',
  offline: 'disconnected',
};

/** What the connection badge shows: the status, and whether the browser itself is offline. */
export interface ConnectionView {
  readonly status: ConnectionStatus;
  readonly offline: boolean;
  /** `sse` while live over server-sent events (compatibility mode); absent otherwise (a live view is a WebSocket). */
  readonly transport?: 'sse';
  /** Whether this tab holds the browser's one connection or hears it through the leading tab. */
  readonly role?: 'leader' | 'follower';
}

export function statusOf(state: ConnectionState): ConnectionStatus {
  switch (state.kind) {
    case 'live':
      return 'connected';
    case 'waiting':
      return WAITING_STATUS[state.reason];
    case 'opening':
    case 'handshaking':
    case 'authenticating':
    case 'resyncing':
      return 'connecting';
    case 'idle':
    case 'stopped':
      return 'disconnected';
  }
}

export function sameView(a: ConnectionView, b: ConnectionView): boolean {
  return a.status === b.status && a.offline === b.offline && a.role === b.role && a.transport === b.transport;
}

export function viewOf(state: ConnectionState): ConnectionView {
  return { status: statusOf(state), offline: isOffline(state) };
}

export function isOffline(state: ConnectionState): boolean {
  return state.kind === 'waiting' && state.reason === 'offline';
}

/** Signed in but not live: the app polls REST instead (not while offline: no request could get through). */
export function needsPolling(state: ConnectionState): boolean {
  return state.kind !== 'idle' && statusOf(state) !== 'connected' && !isOffline(state);
}

/** A ping is out and its pong not back: the service runs the `PONG_TIMEOUT_MS` deadline exactly then. */
export function awaitsPong(state: ConnectionState): boolean {
  return (state.kind === 'handshaking' || state.kind === 'live') && state.awaitingPong;
}

/** The position of a state that has one (the seq a new connection resumes after). */
export function positionOf(state: ConnectionState): StreamPosition | null {
  return state.kind === 'idle' || state.kind === 'resyncing' ? null : state.position;
}

/** See `StreamPosition.coveredFrom`; null when signed out or resyncing. */
export function coveredFrom(state: ConnectionState): number | null {
  return state.kind === 'idle' || state.kind === 'resyncing' ? null : state.position.coveredFrom;
}

/** Whether the socket is open, so it can carry client messages. */
export function isSocketOpen(state: ConnectionState): state is Handshaking | Live {
  return state.kind === 'handshaking' || state.kind === 'live';
}
