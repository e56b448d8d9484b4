import { BeforeApplicationShutdown, Inject, Logger, UseFilters, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import { type WithVerifiedToken, WsJwtGuard } from '../auth/ws-jwt.guard';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { MetricsService } from '../platform/metrics/metrics.service';
import { type AuthMessage, INVALID_CLIENT_MESSAGE, type InvalidMessage, type PingMessage } from './client-message';
import type { PresenceInput } from './presence/presence-input';
import { PresenceService } from './presence/presence.service';
import { Connection, type ConnectionLimits } from './connection';
import { ConnectionAdmission } from './connection-admission';
import { ConnectionRegistry } from './connection-registry';
import { closeCodes, errorCodes } from '@taskpulse/contract';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';
import { RealtimeExceptionFilter } from './realtime-exception.filter';
import { ReplayService } from './replay.service';
import { SessionRevocations } from './session-revocations.service';
import { WsTransport } from './ws-transport';

/**
 * `/api/ws`: accepts authenticated sockets, answers client messages, closes everything with 1001 on shutdown.
 * Delivery, replay, limits and heartbeats live in their own classes. Logs never contain the token or URL.
 */
@WebSocketGateway({ path: '/api/ws' })
@UseGuards(WsJwtGuard)
@UseFilters(RealtimeExceptionFilter)
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  private shuttingDown = false;
  /** Resolves once a connection is open (ack sent, replay done), so no answer to a client message overtakes them. */
  private readonly opened = new WeakMap<Connection, Promise<void>>();
  /** The same for every connection: one object, not one each. */
  private readonly limits: ConnectionLimits;

  constructor(
    private readonly admission: ConnectionAdmission,
    private readonly registry: ConnectionRegistry,
    private readonly replay: ReplayService,
    private readonly revocations: SessionRevocations,
    private readonly presence: PresenceService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_SETTINGS) private readonly settings: RealtimeSettings,
  ) {
    this.limits = {
      maxBufferedBytes: config.wsMaxBufferedBytes,
      messagesPerSecond: config.wsMessagesPerSecond,
      messageBurst: settings.messageBurst,
    };
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    try {
      const admission = this.shuttingDown
        ? { accepted: false as const, code: closeCodes.GOING_AWAY, reason: 'server shutting down' }
        : this.admission.admit(request);
      if (!admission.accepted) {
        this.metrics.wsClosed.inc({ code: String(admission.code) });
        this.logger.log(`refused a connection: ${admission.code} ${admission.reason}`);
        if (!admission.holdMs) socket.close(admission.code, admission.reason);
        else this.closeLater(socket, admission.code, admission.reason, admission.holdMs);
        return;
      }
      const connection = new Connection(new WsTransport(socket), admission.token, this.limits);
      this.registry.add(connection);
      this.metrics.wsConnections.inc();
      this.logger.log(`connected user ${connection.userId} connection ${connection.id}`);
      const opened = this.replay
        .start(connection, admission.since)
        .catch((error: unknown) => this.fail(connection, error))
        .finally(() => this.opened.delete(connection));
      this.opened.set(connection, opened);
    } catch (error) {
      this.logger.error(`accepting a connection failed: ${error instanceof Error ? error.stack : String(error)}`);
      socket.close(closeCodes.INTERNAL_ERROR, 'internal error');
    }
  }

  handleDisconnect(socket: WebSocket, code?: number | string): void {
    const connection = this.registry.remove(socket);
    if (!connection) return;
    connection.dispose();
    const closedWith = connection.closeCode ?? code ?? 1005;
    this.metrics.wsConnections.dec();
    this.metrics.wsClosed.inc({ code: String(closedWith) });
    this.logger.log(`closed user ${connection.userId} connection ${connection.id} code ${closedWith}`);
  }

  @SubscribeMessage('ping')
  async ping(@ConnectedSocket() socket: WebSocket, @MessageBody() message: PingMessage): Promise<void> {
    const connection = await this.ready(socket);
    connection?.sendControl('pong', { id: message.id });
  }

  /**
   * A fresh token of the same user extends the connection; another user's token closes it 4403; an invalid one
   * is a `bad_field` error and the connection keeps its current expiry.
   */
  @SubscribeMessage('auth')
  async auth(@ConnectedSocket() socket: WebSocket, @MessageBody() message: AuthMessage & WithVerifiedToken): Promise<void> {
    const connection = await this.ready(socket);
    if (!connection) return;
    if (!message.verified || this.revocations.isEnded(message.verified.sessionId)) {
      connection.sendControl('error', { code: errorCodes.BAD_FIELD, message: 'token is invalid or expired' });
      return;
    }
    if (message.verified.userId !== connection.userId) {
      connection.close(closeCodes.FORBIDDEN_USER, 'token of another user');
      return;
    }
    connection.extend(message.verified);
  }

  /** Presence on a task the user can see (else a `bad_field` error, as for a task that does not exist). */
  @SubscribeMessage('presence')
  async presenceOn(@ConnectedSocket() socket: WebSocket, @MessageBody() message: PresenceInput): Promise<void> {
    const connection = await this.ready(socket);
    if (!connection) return;
    if (!(await this.presence.update(connection.userId, connection.id, message))) {
      connection.sendControl('error', { code: errorCodes.BAD_FIELD, message: 'task_id names no task you can see' });
    }
  }

  @SubscribeMessage(INVALID_CLIENT_MESSAGE)
  async invalid(@ConnectedSocket() socket: WebSocket, @MessageBody() error: InvalidMessage): Promise<void> {
    const connection = await this.ready(socket);
    connection?.sendControl('error', error);
  }

  /** Closes every socket with 1001 and waits (briefly) for the clients to answer, before the servers close. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    const connections = [...this.registry.all()];
    const closed = connections.map((connection) => connection.transport.whenClosed());
    for (const connection of connections) connection.close(closeCodes.GOING_AWAY, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.settings.shutdownGraceMs)));
    await Promise.race([Promise.all(closed), grace]);
    clearTimeout(timer);
    for (const connection of this.registry.all()) connection.terminate();
    this.logger.log(`closed ${connections.length} sockets for shutdown`);
  }

  private async ready(socket: WebSocket): Promise<Connection | undefined> {
    const connection = this.registry.get(socket);
    if (connection) await this.opened.get(connection);
    return connection?.isOpen ? connection : undefined;
  }

  /** Closes a refused socket after `ms` (at once if the server shuts down first); a client that leaves earlier is forgotten. */
  private closeLater(socket: WebSocket, code: number, reason: string, ms: number): void {
    const timer = setTimeout(() => socket.close(this.shuttingDown ? closeCodes.GOING_AWAY : code, reason), ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  }

  private fail(connection: Connection, error: unknown): void {
    this.logger.error(`opening connection ${connection.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
    connection.close(closeCodes.INTERNAL_ERROR, 'internal error');
  }
}
