/**
 * The connection's rules as a pure function: state + input → next state + effects. No timers, sockets or
 * clock here; `RealtimeService` runs the effects and feeds the results back in as inputs.
 */
import { type AnyServerMessage, closeCodes, isLoggedEvent } from '@taskpulse/contract';
import { backoffDelay } from './backoff';
import {
  type Authenticating,
  type ConnectionEffect,
  type ConnectionInput,
  type ConnectionState,
  type ConnectionStep,
  type Handshaking,
  IDLE,
  type Live,
  type Opening,
  type Resyncing,
  type Retries,
  type StreamPosition,
  type WaitReason,
  type Waiting,
} from './connection-state';
import { RESYNC_GRACE_MS } from './realtime.constants';

/** What a transition may read from the world at that moment. */
export interface TransitionContext {
  /** The access token now; null means refresh it before opening a socket. */
  readonly token: string | null;
  /** A number in [0, 1) for backoff jitter, drawn only when a delay is computed. */
  readonly random: () => number;
  /** The browser says it has no network (`navigator.onLine === false`). */
  readonly offline?: boolean;
}

export const SESSION_EXPIRED_NOTICE = 'Your session has expired. Please sign in again.';
export const FORBIDDEN_USER_NOTICE = 'You were signed out: the session belongs to another user.';
const GOODBYE = { code: closeCodes.NORMAL, reason: 'client disconnect' };
/** What browsers report for a connection that dropped without a close frame (never sent on the wire). */
const ABNORMAL_CLOSE = 1006;

/** Closes shown as `error` (the others that back off are shown as `disconnected`). */
const ERROR_CLOSE_CODES = new Set<number>([closeCodes.POLICY_VIOLATION, closeCodes.MESSAGE_TOO_BIG, closeCodes.INTERNAL_ERROR]);
const START: StreamPosition = { lastSeq: null, coveredFrom: null };
const NO_RETRIES: Retries = { attempt: 0, refreshes: 0 };
const NOTHING: readonly ConnectionEffect[] = [];

type SocketState = Opening | Handshaking | Live;

export function transition(state: ConnectionState, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  if (input.type === 'disconnect') {
    return disconnect(state);
  }
  switch (state.kind) {
    case 'idle':
      return input.type === 'connect' ? open(input.from ?? START, NO_RETRIES, context) : stay(state);
    case 'opening':
      if (input.type === 'opened') return step({ ...state, kind: 'handshaking', awaitingPong: false }, { type: 'startPing' });
      if (input.type === 'offline') return backOff(state.position, state.retries, 'offline', context, [{ type: 'closeSocket' }]);
      return socketInput(state, input, context);
    case 'handshaking':
    case 'live':
      return openSocketInput(state, input, context);
    case 'authenticating':
      return authenticating(state, input, context);
    case 'waiting':
      return waiting(state, input, context);
    case 'resyncing':
      return resyncing(state, input, context);
    case 'stopped':
      return stay(state);
  }
}

/** Intentional (sign-out): let go of whatever the state holds, and never reconnect until `connect` again. */
function disconnect(state: ConnectionState): ConnectionStep {
  switch (state.kind) {
    case 'idle':
      return stay(state);
    case 'opening':
      return step(IDLE, { type: 'closeSocket' });
    case 'handshaking':
    case 'live':
      return step(IDLE, { type: 'closeSocket', goodbye: GOODBYE });
    case 'authenticating':
      return step(IDLE, { type: 'cancelRefresh' });
    case 'waiting':
    case 'resyncing':
      return step(IDLE, { type: 'stopTimer' });
    case 'stopped':
      return step(IDLE);
  }
}

/** A new socket resuming after the last delivered seq, or a token refresh first when there is no token. */
function open(
  position: StreamPosition,
  retries: Retries,
  context: TransitionContext,
  before: readonly ConnectionEffect[] = NOTHING,
): ConnectionStep {
  if (!context.token) {
    return reauthenticate(position, retries, context, before);
  }
  const since = position.lastSeq;
  const opening: Opening = { kind: 'opening', since, position, retries };
  return step(opening, ...before, { type: 'openSocket', token: context.token, since });
}

/** 4401 (or no token yet): refresh the access token, then reconnect; only the first refresh skips the backoff. */
function reauthenticate(
  position: StreamPosition,
  retries: Retries,
  context: TransitionContext,
  before: readonly ConnectionEffect[],
): ConnectionStep {
  const first = retries.refreshes === 0;
  const next: Authenticating = {
    kind: 'authenticating',
    position,
    retries: { attempt: first ? retries.attempt : retries.attempt + 1, refreshes: retries.refreshes + 1 },
    thenWaitMs: first ? 0 : backoffDelay(retries.attempt, context.random),
  };
  return step(next, ...before, { type: 'refreshToken' });
}

function authenticating(state: Authenticating, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  switch (input.type) {
    case 'tokenRefreshed':
      return state.thenWaitMs === 0
        ? open(state.position, state.retries, context)
        : wait(state.position, state.retries, state.thenWaitMs, 'refreshed');
    case 'refreshFailed':
      return input.transient
        ? backOff(state.position, state.retries, 'closed', context)
        : step({ kind: 'stopped', position: state.position }, { type: 'signOut', notice: SESSION_EXPIRED_NOTICE });
    default:
      return stay(state);
  }
}

function resyncing(state: Resyncing, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  switch (input.type) {
    case 'resumeFrom':
      return open({ lastSeq: input.seq, coveredFrom: null }, state.retries, context, [{ type: 'stopTimer' }]);
    case 'timerFired':
      return open(START, state.retries, context);
    default:
      return stay(state);
  }
}

function openSocketInput(state: Handshaking | Live, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  switch (input.type) {
    case 'message':
      return receive(state, input.message);
    case 'pingDue':
      return ping(state, context);
    case 'pongOverdue':
      return state.awaitingPong ? dead(state, context) : stay(state);
    case 'probe':
      // A ping already out answers the question too.
      return state.awaitingPong ? stay(state) : step({ ...state, awaitingPong: true }, { type: 'sendPing' });
    case 'offline':
      // The browser knows: no need to wait for a ping to go unanswered.
      return backOff(state.position, retriesOf(state), 'offline', context, [{ type: 'closeSocket' }]);
    default:
      return socketInput(state, input, context);
  }
}

function waiting(state: Waiting, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  switch (input.type) {
    case 'timerFired':
      // Offline, a socket could only fail; keep waiting for the `online` event (the timer is a safety net).
      return context.offline ? backOff(state.position, state.retries, 'offline', context) : open(state.position, state.retries, context);
    case 'online':
      return open(state.position, state.retries, context, [{ type: 'stopTimer' }]);
    case 'offline':
      return state.reason === 'offline' ? stay(state) : step({ ...state, reason: 'offline' });
    default:
      return stay(state);
  }
}

/** Any message proves the connection alive; logged events are de-duplicated by seq and advance the position. */
function receive(state: Handshaking | Live, message: AnyServerMessage): ConnectionStep {
  const alive = { ...state, awaitingPong: false };
  const deliver: ConnectionEffect = { type: 'deliver', message };
  if (isLoggedEvent(message)) {
    const { lastSeq } = state.position;
    return lastSeq !== null && message.seq <= lastSeq
      ? step(alive)
      : step({ ...alive, position: { ...state.position, lastSeq: message.seq } }, deliver);
  }
  switch (message.event_type) {
    case 'connection_ack': {
      const live: Live = { kind: 'live', since: state.since, position: acknowledged(state, message.data.seq), awaitingPong: false };
      return step(live, deliver);
    }
    case 'resync_required':
      return step(
        { kind: 'resyncing', retries: retriesOf(state) },
        { type: 'closeSocket' },
        { type: 'startTimer', delayMs: RESYNC_GRACE_MS },
        deliver,
        { type: 'resync', reason: message.data.reason },
      );
    default:
      return step(alive, deliver);
  }
}

/** A fresh start covers from the ack's seq; a resumed socket covers from where it resumed. */
function acknowledged(state: Handshaking | Live, ackSeq: number): StreamPosition {
  return state.since === null
    ? { lastSeq: ackSeq, coveredFrom: ackSeq }
    : { ...state.position, coveredFrom: state.position.coveredFrom ?? state.since };
}

/** A ping still unanswered when the next is due means the connection is dead (normally `pongOverdue` says so first). */
function ping(state: Handshaking | Live, context: TransitionContext): ConnectionStep {
  return state.awaitingPong ? dead(state, context) : step({ ...state, awaitingPong: true }, { type: 'sendPing' });
}

/** No pong in time: the connection is dead even if the browser has not noticed (a silent network, a frozen server). */
function dead(state: Handshaking | Live, context: TransitionContext): ConnectionStep {
  return backOff(state.position, retriesOf(state), 'closed', context, [{ type: 'closeSocket' }]);
}

/** The socket ended (a close code, or its error event reported as 1006): act on the protocol's close codes. */
function socketInput(state: SocketState, input: ConnectionInput, context: TransitionContext): ConnectionStep {
  if (input.type !== 'closed' && input.type !== 'failed') {
    return stay(state);
  }
  const code = input.type === 'closed' ? input.code : ABNORMAL_CLOSE;
  const close: ConnectionEffect = { type: 'closeSocket' };
  const { position } = state;
  const retries = retriesOf(state);
  switch (code) {
    case closeCodes.NORMAL:
      return step({ kind: 'stopped', position }, close);
    case closeCodes.GOING_AWAY:
      return open(position, retries, context, [close]);
    case closeCodes.TOKEN_INVALID:
      return reauthenticate(position, retries, context, [close]);
    case closeCodes.FORBIDDEN_USER:
      return step({ kind: 'stopped', position }, close, { type: 'signOut', notice: FORBIDDEN_USER_NOTICE });
    default: {
      const failed = input.type === 'failed' || ERROR_CLOSE_CODES.has(code);
      return backOff(position, retries, failed ? 'failed' : 'closed', context, [close]);
    }
  }
}

/** Waits the next backoff step before reconnecting. */
function backOff(
  position: StreamPosition,
  retries: Retries,
  reason: WaitReason,
  context: TransitionContext,
  before: readonly ConnectionEffect[] = NOTHING,
): ConnectionStep {
  const delayMs = backoffDelay(retries.attempt, context.random);
  return wait(position, { ...retries, attempt: retries.attempt + 1 }, delayMs, context.offline ? 'offline' : reason, before);
}

function wait(
  position: StreamPosition,
  retries: Retries,
  delayMs: number,
  reason: WaitReason,
  before: readonly ConnectionEffect[] = NOTHING,
): ConnectionStep {
  const next: Waiting = { kind: 'waiting', position, retries, delayMs, reason };
  return step(next, ...before, { type: 'startTimer', delayMs });
}

function retriesOf(state: SocketState): Retries {
  return state.kind === 'live' ? NO_RETRIES : state.retries;
}

function step(state: ConnectionState, ...effects: ConnectionEffect[]): ConnectionStep {
  return { state, effects };
}

function stay(state: ConnectionState): ConnectionStep {
  return { state, effects: NOTHING };
}
