import { INestApplicationContext, Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { AppConfig } from '../platform/config/app-config';
import { parseClientFrame } from './client-message';

/** How long a closing handshake may take before the socket is cut (ws default: 30 s). */
const CLOSE_TIMEOUT_MS = 5_000;

const OPEN = 1;
const ROUTES = Symbol('routes');

interface Routes {
  handlers: MessageMappingProperties[];
  transform: (data: unknown) => Observable<unknown>;
  logger: Logger;
}
type RoutedSocket = WebSocket & { [ROUTES]: Routes };

/** The one 'message' listener of every socket (`this` is the socket): parse, route, send any reply. */
function routeMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const { handlers, transform, logger } = (this as RoutedSocket)[ROUTES];
  const frame = parseClientFrame(isBinary ? data : data.toString());
  const handler = handlers.find((h) => h.message === frame.event);
  if (!handler) return;
  transform(handler.callback(frame.data, frame.event)).subscribe({
    next: (response) => {
      if (response !== undefined && response !== null && this.readyState === OPEN) this.send(JSON.stringify(response));
    },
    error: (error: unknown) => logger.error(`message handler failed: ${error instanceof Error ? error.stack : String(error)}`),
  });
}

/**
 * The `ws` adapter with our frame limit (`WS_MAX_PAYLOAD`: a larger frame closes 1009), our message format
 * (`{"type": …}` routed by `parseClientFrame`) and quiet logging of socket errors, which clients can cause at will.
 */
export class RealtimeWsAdapter extends WsAdapter {
  private readonly socketLogger = new Logger('RealtimeSocket');

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
   * subscriptions each): idle connections are the bulk of a busy server's memory.
   */
  override bindMessageHandlers(
    client: WebSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    (client as RoutedSocket)[ROUTES] = { handlers, transform, logger: this.socketLogger };
    client.on('message', routeMessage);
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    const onSocketError = (error: Error) => this.socketLogger.debug(`socket error: ${error.message}`);
    server.on('connection', (socket) => socket.on('error', onSocketError));
    server.on('error', (error) => this.socketLogger.error(`server error: ${error.message}`));
    return server;
  }
}
