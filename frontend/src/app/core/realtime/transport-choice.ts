/**
 * Which transport the next connection attempt uses. WebSocket first; server-sent events only when WebSocket
 * has failed repeatedly without ever opening on this page while the server answers over HTTP (a proxy that
 * refuses upgrades), and WebSocket again later (after a while on SSE, or when SSE fails as well). A WebSocket
 * that opened once, or one failing while the server answers nothing, is not given up on: that is an outage,
 * not a network that cannot carry it.
 */
export type Transport = 'websocket' | 'sse';

export interface TransportChoice {
  readonly transport: Transport;
  /** Failed attempts in a row with the current transport, none of which opened. */
  readonly failures: number;
  /** A WebSocket opened at least once on this page. */
  readonly webSocketWorked: boolean;
  /** When the app switched to SSE (ms). */
  readonly since: number;
}

/** Failed upgrades (never opened) before trying SSE; SSE failures before going back to WebSocket. */
export const FAILURES_BEFORE_SWITCH = 2;
/** After this long on SSE the next attempt tries WebSocket again. */
export const WEB_SOCKET_RETRY_MS = 10 * 60_000;

export const FIRST_CHOICE: TransportChoice = { transport: 'websocket', failures: 0, webSocketWorked: false, since: 0 };

/** Just before an attempt: time to give WebSocket another go? */
export function beforeAttempt(choice: TransportChoice, now: number): TransportChoice {
  return choice.transport === 'sse' && now - choice.since >= WEB_SOCKET_RETRY_MS ? webSocketAgain(choice) : choice;
}

export function afterOpened(choice: TransportChoice): TransportChoice {
  return { ...choice, failures: 0, webSocketWorked: choice.webSocketWorked || choice.transport === 'websocket' };
}

/** The attempt failed before it opened; `serverAnswers`: REST requests get answers meanwhile. */
export function afterFailure(choice: TransportChoice, now: number, serverAnswers: boolean): TransportChoice {
  const failures = choice.failures + 1;
  if (choice.transport === 'websocket') {
    return !choice.webSocketWorked && serverAnswers && failures >= FAILURES_BEFORE_SWITCH
      ? { ...choice, transport: 'sse', failures: 0, since: now }
      : { ...choice, failures };
  }
  return failures >= FAILURES_BEFORE_SWITCH ? webSocketAgain(choice) : { ...choice, failures };
}

/** One more WebSocket attempt: a single failure sends it back to SSE. */
function webSocketAgain(choice: TransportChoice): TransportChoice {
  return { ...choice, transport: 'websocket', failures: FAILURES_BEFORE_SWITCH - 1 };
}
