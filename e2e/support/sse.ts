import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AnyServerMessage } from '@taskpulse/contract';

/** One server-sent event as the EventSource algorithm reads it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
  /** When it arrived (ms since epoch). */
  at: number;
}

export interface SseClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body of a refused request (not a stream). */
  body: string;
  events: SseEvent[];
  /** Parsed `data` of every event that carries a message (all but `close`). */
  messages: AnyServerMessage[];
  /** Comment lines received (keep-alive). */
  comments: string[];
  /** The last event id seen, as an EventSource keeps it for `Last-Event-ID`. */
  lastEventId: string;
  /** Resolves when the server ends the stream (or the client closes it). */
  ended: Promise<void>;
  waitFor<T extends AnyServerMessage = AnyServerMessage>(
    predicate: (m: AnyServerMessage) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  waitForEvent(predicate: (e: SseEvent) => boolean, what: string, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export interface SseOptions {
  token?: string;
  /** Sent as `Authorization: Bearer` instead of `?token=`. */
  bearer?: string;
  since?: number | string;
  lastEventId?: string;
  headers?: Record<string, string>;
}

/**
 * Opens `GET /api/events` with a plain HTTP request and parses the stream as the EventSource algorithm does (fields
 * `id`, `event`, `data`; comments; an empty line dispatches). Resolves once the response head has arrived.
 */
export function openEventStream(baseUrl: string, options: SseOptions = {}): Promise<SseClient> {
  const params = new URLSearchParams();
  if (options.token) params.set('token', options.token);
  if (options.since !== undefined) params.set('since', String(options.since));
  const url = new URL(`/api/events${params.size ? `?${params}` : ''}`, baseUrl);
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;

  return new Promise((resolve, reject) => {
    const listeners = new Set<() => void>();
    const notify = () => [...listeners].forEach((listener) => listener());
    let endedResolve: () => void = () => undefined;
    const client: SseClient = {
      status: 0,
      headers: {},
      body: '',
      events: [],
      messages: [],
      comments: [],
      lastEventId: options.lastEventId ?? '',
      ended: new Promise<void>((r) => (endedResolve = r)),
      waitFor<T extends AnyServerMessage>(predicate: (m: AnyServerMessage) => boolean, what: string, timeoutMs = 5000): Promise<T> {
        return wait(() => client.messages.find(predicate) as T | undefined, what, timeoutMs);
      },
      waitForEvent(predicate: (e: SseEvent) => boolean, what: string, timeoutMs = 5000): Promise<SseEvent> {
        return wait(() => client.events.find(predicate), what, timeoutMs);
      },
      close: () => req.destroy(),
    };
    let ended = false;
    const wait = <T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
      new Promise<T>((resolveWait, rejectWait) => {
        const check = () => {
          const found = find();
          if (found !== undefined) {
            cleanup();
            resolveWait(found);
          } else if (ended) {
            cleanup();
            rejectWait(new Error(`stream ended while waiting for ${what}; got ${client.events.map((e) => e.event).join(', ')}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          rejectWait(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${client.events.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });

    let buffer = '';
    let event = { id: undefined as string | undefined, type: '', data: [] as string[] };
    const line = (text: string) => {
      if (text === '') {
        if (event.id !== undefined) client.lastEventId = event.id;
        if (event.data.length > 0) {
          const dispatched: SseEvent = { id: event.id, event: event.type || 'message', data: event.data.join('\n'), at: Date.now() };
          client.events.push(dispatched);
          if (dispatched.event !== 'close') client.messages.push(JSON.parse(dispatched.data));
        }
        event = { id: undefined, type: '', data: [] };
        return;
      }
      if (text.startsWith(':')) {
        client.comments.push(text.slice(1).trim());
        return;
      }
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.type = value;
      else if (field === 'data') event.data.push(value);
    };

    const req = httpRequest(url, { headers }, (response) => {
      client.status = response.statusCode ?? 0;
      client.headers = response.headers;
      response.setEncoding('utf8');
      const streaming = client.status === 200;
      response.on('data', (chunk: string) => {
        if (!streaming) {
          client.body += chunk;
          return;
        }
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const text = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          line(text);
        }
        notify();
      });
      const finish = () => {
        if (ended) return;
        ended = true;
        endedResolve();
        notify();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      if (streaming) resolve(client);
      else response.on('end', () => resolve(client));
    });
    req.on('error', (error) => {
      if (client.status === 0) reject(error);
    });
    req.end();
  });
}
