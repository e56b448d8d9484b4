import type { AnyServerMessage, ClientMessage } from '@taskpulse/contract';

/**
 * Stands in for the browser WebSocket under rxjs `webSocket()`: records what the client sends and lets a
 * test play the server (open, receive, close, fail) synchronously. No network.
 */
export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  /** Makes the next `new FakeWebSocket()` throw, as a browser does for an unusable URL. */
  static throwOnNextConstruction = false;

  static reset(): void {
    FakeWebSocket.instances = [];
    FakeWebSocket.throwOnNextConstruction = false;
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) {
      throw new Error('no socket was created');
    }
    return socket;
  }

  readyState = 0;
  binaryType = 'blob';
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  readonly sent: ClientMessage[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;

  constructor(readonly url: string) {
    if (FakeWebSocket.throwOnNextConstruction) {
      FakeWebSocket.throwOnNextConstruction = false;
      throw new SyntaxError('cannot create socket');
    }
    FakeWebSocket.instances.push(this);
  }

  get params(): URLSearchParams {
    return new URL(this.url).searchParams;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  // Server side.
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: AnyServerMessage | string): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.onmessage?.({ data } as MessageEvent);
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code !== 1006 } as CloseEvent);
  }

  /** A network failure: `error`, then an abnormal close, as browsers report it. */
  fail(): void {
    this.onerror?.(new Event('error'));
    this.serverClose(1006);
  }
}
