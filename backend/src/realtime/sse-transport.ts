import type { ServerResponse } from 'node:http';
import type { OutgoingMessage, RealtimeTransport } from './transport';

const NEWLINE = Buffer.from('\n\n');

/**
 * `GET /api/events`: each message is an event named by its `event_type` whose data is the same JSON as on the socket;
 * logged events carry `id: <seq>`, so a client resumes with `Last-Event-ID`. Keep-alive is a comment line. A close
 * writes a last `close` event `{code, reason}` (the WebSocket close code it stands for) and ends the stream.
 */
export class SseTransport implements RealtimeTransport {
  readonly kind = 'sse' as const;
  private readonly closed: Promise<void>;
  private ended = false;

  constructor(private readonly response: ServerResponse) {
    this.closed = new Promise((resolve) => response.once('close', () => resolve()));
    response.once('close', () => (this.ended = true));
  }

  whenClosed(): Promise<void> {
    return this.closed;
  }

  get key(): object {
    return this.response;
  }

  get isOpen(): boolean {
    return !this.ended && !this.response.writableEnded && !this.response.destroyed;
  }

  get bufferedAmount(): number {
    return this.response.writableLength;
  }

  send(message: OutgoingMessage): void {
    const head = message.seq === undefined ? `event: ${message.type}\ndata: ` : `id: ${message.seq}\nevent: ${message.type}\ndata: `;
    // JSON.stringify never writes a raw newline, so the message is one `data:` line.
    this.response.write(Buffer.concat([Buffer.from(head), message.bytes, NEWLINE]));
  }

  batch(write: () => void): void {
    this.response.cork();
    try {
      write();
    } finally {
      this.response.uncork();
    }
  }

  ping(): void {
    if (this.isOpen) this.response.write(': keep-alive\n\n');
  }

  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.response.end(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
  }

  terminate(): void {
    this.ended = true;
    this.response.destroy();
  }
}
