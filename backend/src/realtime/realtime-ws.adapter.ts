import { INestApplicationContext, Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable } from 'rxjs';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { AppConfig } from '../platform/config/app-config';
import { parseClientFrame } from './client-message';
import { admitClientMessage } from './connection';

/** How long a closing handshake may take before the socket is cut (ws default: 30 s). */
const CLOSE_TIMEOUT_MS = 5_000;

const OPEN = 1;
const HANDLERS = Symbol('handlers');
const logger = new Logger('RealtimeSocket');

type RoutedSocket = WebSocket & { [HANDLERS]: MessageMappingProperties[] };

function reply(socket: WebSocket, response: unknown): void {
  if (response !== undefined && response !== null && socket.readyState === OPEN) socket.send(JSON.stringify(response));
}

function handlerFailed(error: unknown): void {
  logger.error(`message handler failed: ${error instanceof Error ? error.stack : String(error)}`);
}

/**
 * The one 'message' listener of every socket (`this` is the socket): count it against the connection's rate,
 * parse, route, send any reply (a handler answers with a value, a promise or an observable).
 */
function routeMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  if (!admitClientMessage(this)) return;
  const frame = parseClientFrame(isBinary ? data : data.toString());
  const handler = (this as RoutedSocket)[HANDLERS].find((h) => h.message === frame.event);
  if (!handler) return;
  let answer: unknown;
  try {
    answer = handler.callback(frame.data, frame.event);
  } catch (error) {
    handlerFailed(error);
    return;
  }
  Promise.resolve(answer)
    .then((result: unknown) => {
      if (isObservable(result)) result.subscribe({ next: (response) => reply(this, response), error: handlerFailed });
      else reply(this, result);
    })
    .catch(handlerFailed);
}

/**
 * The `ws` adapter with our frame limit (`WS_MAX_PAYLOAD`: a larger frame closes 1009), our message format
 * (`{"type": …}` routed by `parseClientFrame`) and quiet logging of socket errors, which clients can cause at will.
 */
export class RealtimeWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app, { messageParser: (data) => parseClientFrame(data) });
  }

  override create(port: number, options: Record<string, unknown> = {}): unknown {
    return super.create(port, {
      ...options,
      maxPayload: this.config.wsMaxPayload,
      closeTimeout: CLOSE_TIMEOUT_MS,
      perMessageDeflate: false,
    });
  }

  /**
   * One plain listener per socket instead of the base adapter's per-socket RxJS pipeline (several observables and
   * subscriptions each), keeping only the handlers: idle connections are the bulk of a busy server's memory.
   */
  override bindMessageHandlers(client: WebSocket, handlers: MessageMappingProperties[]): void {
    (client as RoutedSocket)[HANDLERS] = handlers;
    client.on('message', routeMessage);
  }

  /** `on`, not the base adapter's `once`: 'close' comes once anyway, and a once-wrapper per idle socket adds up. */
  override bindClientDisconnect(client: WebSocket, callback: (...args: unknown[]) => void): void {
    client.on('close', callback);
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    const onSocketError = (error: Error) => logger.debug(`socket error: ${error.message}`);
    server.on('connection', (socket) => socket.on('error', onSocketError));
    server.on('error', (error) => logger.error(`server error: ${error.message}`));
    return server;
  }
}
