import type WebSocket from 'ws';
import type { OutgoingMessage, RealtimeTransport } from './transport';

const OPEN = 1;
const CLOSED = 3;
const AS_TEXT = { binary: false } as const;

type Corkable = { cork(): void; uncork(): void };

/** `/api/ws`: one JSON message per text frame; protocol pings; close codes. */
export class WsTransport implements RealtimeTransport {
  readonly kind = 'websocket' as const;

  constructor(readonly socket: WebSocket) {}

  get key(): object {
    return this.socket;
  }

  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  send(message: OutgoingMessage): void {
    this.socket.send(message.bytes, AS_TEXT);
  }

  /** Inside one cork of the TCP socket: a burst costs one write instead of one per message. */
  batch(write: () => void): void {
    const tcp = (this.socket as unknown as { _socket?: Corkable })._socket;
    tcp?.cork();
    try {
      write();
    } finally {
      tcp?.uncork();
    }
  }

  // Not made up front: a promise and a close listener for each idle socket add up, and only shutdown waits.
  whenClosed(): Promise<void> {
    if (this.socket.readyState === CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  ping(): void {
    this.socket.ping();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }
}
