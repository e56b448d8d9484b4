import { INestApplicationContext, Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocketServer } from 'ws';
import type { AppConfig } from '../config/app-config';
import { parseClientFrame } from './client-message';

/** How long a closing handshake may take before the socket is cut (ws default: 30 s). */
const CLOSE_TIMEOUT_MS = 5_000;

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

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket) => socket.on('error', (error) => this.socketLogger.debug(`socket error: ${error.message}`)));
    server.on('error', (error) => this.socketLogger.error(`server error: ${error.message}`));
    return server;
  }
}
