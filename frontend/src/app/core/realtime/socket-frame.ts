import type { AnyServerMessage, ClientMessage } from '@taskpulse/contract';

/** What travels on the socket: server messages in (null when a frame is not one), client messages out. */
export type SocketFrame = AnyServerMessage | ClientMessage | null;

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
