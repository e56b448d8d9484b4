/**
 * The two ways the realtime messages arrive: a WebSocket, or server-sent events (the same messages, for networks
 * whose proxies refuse WebSocket upgrades). Both report what happens as connection inputs; only the socket can
 * carry client messages.
 */
import { InjectionToken } from '@angular/core';
import type { Subscription } from 'rxjs';
import { type ClientMessage, closeCodes, serverEventTypes } from '@taskpulse/contract';
import type { ConnectionInput } from './connection-state';
import type { WebSocketFactory } from './realtime.tokens';
import { parseFrame } from './socket-frame';
import type { Transport } from './transport-choice';

export interface LiveTransport {
  readonly kind: Transport;
  /** Starts it; its callbacks report through `report` from then on. */
  start(): void;
  send(message: ClientMessage): void;
  /** `goodbye`: a close frame first (a socket only). */
  close(goodbye?: { code: number; reason: string }): void;
}

/** The part of EventSource used here. */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** Builds the EventSource; tests swap in a fake one. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url) => new EventSource(url),
});

export function webSocketTransport(create: WebSocketFactory, url: string, report: (input: ConnectionInput) => void): LiveTransport {
  const socket = create({
    url,
    deserializer: parseFrame,
    openObserver: { next: () => report({ type: 'opened' }) },
    closeObserver: { next: (event) => report({ type: 'closed', code: event.code }) },
  });
  let subscription: Subscription | null = null;
  return {
    kind: 'websocket',
    start: () => {
      subscription = socket.subscribe({
        next: (frame) => frame && 'event_type' in frame && report({ type: 'message', message: frame }),
        // The `error` event (a close also errors the stream, but by then the socket is no longer current).
        // Browsers follow it with close 1006; acting on it now also covers a socket that failed to construct.
        error: () => report({ type: 'failed' }),
      });
    },
    send: (message) => socket.next(message),
    close: (goodbye) => {
      if (goodbye) socket.error(goodbye);
      subscription?.unsubscribe();
    },
  };
}

/**
 * `GET /api/events`: each message is a named event (its `event_type`) whose data is the same JSON as on the
 * socket. The browser's own reconnect is not used: it would resume with a token that may have expired, so any
 * error closes the stream and the connection's rules decide (at once after a stream that had opened, with
 * backoff otherwise), resuming with `since`.
 */
export function eventSourceTransport(create: EventSourceFactory, url: string, report: (input: ConnectionInput) => void): LiveTransport {
  let source: EventSourceLike | null = null;
  let opened = false;
  const close = () => {
    source?.close();
    source = null;
  };
  return {
    kind: 'sse',
    start: () => {
      try {
        source = create(url);
      } catch {
        report({ type: 'failed' });
        return;
      }
      source.onopen = () => {
        opened = true;
        report({ type: 'opened' });
      };
      source.onerror = () => {
        close();
        // A stream that ended after it opened (token expiry, a deploy) is resumed at once, like close 1001.
        report(opened ? { type: 'closed', code: closeCodes.GOING_AWAY } : { type: 'failed' });
      };
      const onMessage = (event: MessageEvent) => {
        const message = parseFrame(event);
        if (message && 'event_type' in message) report({ type: 'message', message });
      };
      new Set<string>(['message', ...serverEventTypes]).forEach((type) => source?.addEventListener(type, onMessage));
    },
    send: () => undefined,
    close,
  };
}

/** Same origin as the page: `/api/events?token=<jwt>[&since=<seq>]` (EventSource cannot send a header). */
export function eventsUrl(location: Pick<Location, 'protocol' | 'host'>, token: string, since: number | null): string {
  const resume = since === null ? '' : `&since=${since}`;
  return `${location.protocol}//${location.host}/api/events?token=${encodeURIComponent(token)}${resume}`;
}
