import WebSocket from 'ws';
import type { AnyServerMessage } from '@taskpulse/contract';

export interface SocketClient {
  socket: WebSocket;
  messages: AnyServerMessage[];
  /** Resolves with the close code once the server (or the client) closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  waitFor<T extends AnyServerMessage = AnyServerMessage>(
    predicate: (message: AnyServerMessage) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  send(data: unknown): void;
  close(code?: number): void;
}

export interface ConnectOptions {
  token?: string | null;
  since?: number;
  origin?: string;
  query?: string;
  /** Extra upgrade-request headers (e.g. `X-Forwarded-For`, as a load balancer adds it). */
  headers?: Record<string, string>;
}

/** Opens `/api/ws`, collects every JSON message, and fails each wait with what it waited for. */
export function connectSocket(wsUrl: string, options: ConnectOptions = {}): SocketClient {
  const params = new URLSearchParams();
  if (options.token) params.set('token', options.token);
  if (options.since !== undefined) params.set('since', String(options.since));
  const query = options.query ?? params.toString();
  const socket = new WebSocket(`${wsUrl}${query ? `?${query}` : ''}`, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const messages: AnyServerMessage[] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const listener of [...listeners]) listener();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const listener of [...listeners]) listener();
    });
  });
  return {
    socket,
    messages,
    closed,
    waitFor<T extends AnyServerMessage>(predicate: (m: AnyServerMessage) => boolean, what: string, timeoutMs = 5000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < messages.length; seen++) {
            if (predicate(messages[seen])) {
              cleanup();
              return resolve(messages[seen] as T);
            }
          }
          if (socket.readyState === WebSocket.CLOSED) {
            cleanup();
            reject(new Error(`socket closed while waiting for ${what}; got ${messages.map((m) => m.event_type).join(', ')}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${messages.map((m) => m.event_type).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    send(data: unknown) {
      socket.send(typeof data === 'string' ? data : JSON.stringify(data));
    },
    close(code = 1000) {
      socket.close(code);
    },
  };
}

/** Connects and waits for `connection_ack`. */
export async function connectAcked(wsUrl: string, options: ConnectOptions = {}): Promise<SocketClient> {
  const client = connectSocket(wsUrl, options);
  await client.waitFor((m) => m.event_type === 'connection_ack', 'connection_ack');
  return client;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
