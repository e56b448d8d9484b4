import { InjectionToken } from '@angular/core';
import { WebSocketSubject, WebSocketSubjectConfig, webSocket } from 'rxjs/webSocket';
import type { AnyServerMessage, ClientMessage } from '@taskpulse/contract';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'error';

/** What travels on the socket: server messages in (null when a frame is not one), client messages out. */
export type SocketFrame = AnyServerMessage | ClientMessage | null;

export type WebSocketFactory = (config: WebSocketSubjectConfig<SocketFrame>) => WebSocketSubject<SocketFrame>;

/** Builds the socket; tests swap in one backed by a fake WebSocket. */
export const WEB_SOCKET_FACTORY = new InjectionToken<WebSocketFactory>('WEB_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => webSocket(config),
});

/** A number in [0, 1) for backoff jitter; tests pin it to make delays exact. */
export const RANDOM_SOURCE = new InjectionToken<() => number>('RANDOM_SOURCE', {
  providedIn: 'root',
  factory: () => Math.random,
});

export const PING_INTERVAL_MS = 30_000;
export const POLL_INTERVAL_MS = 5_000;
/** How long to wait for the app's REST refetch after `resync_required` before resuming at the log head. */
export const RESYNC_GRACE_MS = 5_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 32_000;
export const BACKOFF_JITTER = 0.2;

/** 1 s, 2 s, 4 s … capped at 32 s, each spread by ±20 % so clients do not reconnect in lockstep. */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS);
  return Math.round(base * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random()));
}

/** Parses one text frame; anything that is not a server message becomes null instead of killing the stream. */
export function parseFrame(event: MessageEvent): SocketFrame {
  try {
    const value: unknown = typeof event.data === 'string' ? JSON.parse(event.data) : null;
    return value && typeof value === 'object' && typeof (value as { event_type?: unknown }).event_type === 'string'
      ? (value as AnyServerMessage)
      : null;
  } catch {
    return null;
  }
}

/** Counts attempts since the last successful connection. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly random: () => number) {}

  next(): number {
    return backoffDelay(this.attempt++, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Same origin as the page: `ws(s)://<host>/api/ws?token=<jwt>[&since=<seq>]`. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string, since: number | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const resume = since === null ? '' : `&since=${since}`;
  return `${scheme}://${location.host}/api/ws?token=${encodeURIComponent(token)}${resume}`;
}
