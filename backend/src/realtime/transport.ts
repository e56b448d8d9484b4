/**
 * How a connection's messages reach its client: a WebSocket (`/api/ws`) or a server-sent event stream
 * (`/api/events`). Connection, replay and delivery write through this, so both carry the same messages with the same
 * ordering, exactly-once and isolation rules; only the framing, keep-alive and closing differ.
 */
export interface OutgoingMessage {
  /** The message's `event_type` (an SSE event's name). */
  type: string;
  /** A logged event's seq (an SSE event's id); absent on control messages. */
  seq?: number;
  /** The JSON message, serialised once for every recipient with the same permission. */
  bytes: Buffer;
}

export interface RealtimeTransport {
  readonly kind: 'websocket' | 'sse';
  /** What the registry knows the connection by: the socket, or the HTTP response. */
  readonly key: object;
  readonly isOpen: boolean;
  /** Bytes written but not yet taken by the network: how far the client is behind. */
  readonly bufferedAmount: number;
  send(message: OutgoingMessage): void;
  /** Runs `write` with the writes coalesced into as few network writes as possible. */
  batch(write: () => void): void;
  /** Keep-alive: a protocol ping (WebSocket) or a comment line (SSE). */
  ping(): void;
  /** Ends the connection: a close frame with `code` (WebSocket), or a last `close` event and the stream's end (SSE). */
  close(code: number, reason: string): void;
  /** Cuts the connection without a goodbye. */
  terminate(): void;
  /** Resolves once the connection is gone, whoever ended it (made when asked: shutdown is the only one who waits). */
  whenClosed(): Promise<void>;
}
