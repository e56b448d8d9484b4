import {
  BeforeApplicationShutdown,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  UnauthorizedException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeCodes } from '@taskpulse/contract';
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from '../auth/token-verifier';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';
import { ReplayService } from './replay.service';
import { SessionRevocations } from './session-revocations.service';
import { SseTransport } from './sse-transport';

/** What a proxy must not do to an event stream: buffer it (nginx), compress or cache it. */
const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-store, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** Seconds a client refused for too many connections waits before trying again. */
const RETRY_AFTER_S = 5;

/**
 * `GET /api/events`: the realtime messages as server-sent events, for networks whose proxies refuse WebSocket
 * upgrades. A stream is a Connection like a socket: the same registry, replay (from `since` or `Last-Event-ID`) and
 * live delivery, so ordering, exactly-once and isolation are the socket's. It is authenticated once, before
 * anything is written (401 as JSON); token expiry (the keep-alive sweep) ends it with a last `close` event 4401.
 * A comment line every 15 s keeps proxies from timing it out.
 */
@Injectable()
export class SseService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SseService.name);
  private readonly streams = new Set<Connection>();
  private timer: NodeJS.Timeout | null = null;
  private shuttingDown = false;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly registry: ConnectionRegistry,
    private readonly replay: ReplayService,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_SETTINGS) private readonly settings: RealtimeSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.keepAlive(), this.settings.sseCommentMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const connection of this.streams) connection.close(closeCodes.GOING_AWAY, 'server shutting down');
  }

  /** Checks the request (throws an HTTP error before anything is written), then streams until either side ends. */
  open(request: IncomingMessage, response: ServerResponse, query: { token?: string; since?: string }): void {
    if (this.shuttingDown) throw new HttpException('Server shutting down', HttpStatus.SERVICE_UNAVAILABLE);
    const token = this.authenticate(request, query.token);
    // A session ended by logout: refused here as on the socket (its live streams were closed when it ended).
    if (this.revocations.isEnded(token.sessionId)) throw new UnauthorizedException('Session ended');
    if (this.registry.countFor(token.userId) >= this.config.wsMaxConnectionsPerUser) {
      response.setHeader('Retry-After', String(RETRY_AFTER_S));
      throw new HttpException('Too many connections', HttpStatus.TOO_MANY_REQUESTS);
    }
    const lastEventId = request.headers['last-event-id'];
    const since = typeof lastEventId === 'string' && lastEventId.trim() !== '' ? lastEventId.trim() : (query.since ?? null);

    response.writeHead(200, STREAM_HEADERS);
    response.socket?.setNoDelay(true);
    response.socket?.setTimeout(0);
    response.write(': connected\n\n');
    const connection = new Connection(new SseTransport(response), token, {
      maxBufferedBytes: this.config.wsMaxBufferedBytes,
      messagesPerSecond: this.config.wsMessagesPerSecond,
      messageBurst: this.settings.messageBurst,
    });
    this.registry.add(connection);
    this.streams.add(connection);
    response.once('close', () => this.closed(connection));
    this.logger.log(`stream opened for user ${connection.userId} connection ${connection.id}`);
    this.replay.start(connection, since).catch((error: unknown) => {
      this.logger.error(`opening stream ${connection.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      connection.close(closeCodes.INTERNAL_ERROR, 'internal error');
    });
  }

  /** `Authorization: Bearer` first, else `?token=` (EventSource cannot send a header). */
  private authenticate(request: IncomingMessage, queryToken: string | undefined): VerifiedToken {
    const header = request.headers.authorization;
    const bearer = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header)?.[1] : undefined;
    const token = bearer ?? queryToken;
    if (!token) throw new UnauthorizedException('Missing token: send Authorization: Bearer or ?token=');
    try {
      return this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw new UnauthorizedException(error.reason === 'expired' ? 'Token expired' : 'Invalid token');
    }
  }

  private closed(connection: Connection): void {
    this.streams.delete(connection);
    this.registry.remove(connection.key);
    connection.dispose();
    this.logger.log(`stream closed for user ${connection.userId} connection ${connection.id} code ${connection.closeCode ?? 'by client'}`);
  }

  private keepAlive(): void {
    for (const connection of this.streams) connection.transport.ping();
  }
}
