import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { closeCodes } from '@taskpulse/contract';
import { SessionRevokedEvent } from '../auth/session-revoked.event';
import { SessionsRepository } from '../auth/sessions.repository';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { SqlDatabase } from '../platform/database/sql-database';
import { EventBus } from './bus/event-bus';
import { ConnectionRegistry } from './connection-registry';

/** How often an instance on a bus that may lose messages (Redis) looks for sessions ended elsewhere. */
const POLL_MS = 2000;
/** Re-read this far behind the last revocation seen: the instances' clocks, which stamp `revoked_at`, may differ a little. */
const CLOCK_SLACK_MS = 30_000;

/**
 * Ended sessions, as far as sockets are concerned: a socket whose session ends is closed with 4401 on every
 * instance, and a token of an ended session cannot open one or extend one. The instance that ended the session acts
 * at once and says so on the bus; the others read which sessions ended from their own database (the bus carries no
 * session ids, so a forged message costs one indexed read), and poll when the bus may lose messages. A session is
 * remembered for as long as an access token issued before it ended may live (JWT_TTL).
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocations.name);
  /** Ended session → when this instance learned of it (epoch ms). */
  private readonly ended = new Map<string, number>();
  private watermark = '';
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly sessions: SessionsRepository,
    private readonly db: SqlDatabase,
    private readonly registry: ConnectionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.watermark = new Date(Date.now() - this.config.jwtTtlMs).toISOString();
    await this.readEnded();
    this.unsubscribe = this.bus.subscribe({ entry: () => undefined, hint: () => undefined, sessionsEnded: () => void this.readEnded() });
    if (!this.bus.reliable) {
      this.timer = setInterval(() => void this.readEnded(), POLL_MS);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  isEnded(sessionId: string | null): boolean {
    return sessionId !== null && this.ended.has(sessionId);
  }

  @OnEvent(SessionRevokedEvent.eventName)
  onSessionRevoked(event: SessionRevokedEvent): void {
    this.end(event.sessionId);
    void this.bus.announceSessionsEnded();
  }

  private end(sessionId: string): void {
    if (this.ended.has(sessionId)) return;
    this.ended.set(sessionId, Date.now());
    for (const connection of this.registry.all()) {
      if (connection.sessionId === sessionId) connection.close(closeCodes.TOKEN_INVALID, 'session ended');
    }
  }

  /** One read at a time; a request during a read makes one more read after it. */
  private readEnded(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        await this.readOnce();
      } while (this.readAgain);
    })().finally(() => (this.reading = null));
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    try {
      const since = new Date(Date.parse(this.watermark) - CLOCK_SLACK_MS).toISOString();
      for (const { id, revokedAt } of await this.sessions.revokedSince(this.db, since)) {
        this.end(id);
        if (revokedAt > this.watermark) this.watermark = revokedAt;
      }
      this.forgetExpired(Date.now());
    } catch (error) {
      this.logger.warn(`reading ended sessions failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Every access token issued before a session ended has expired JWT_TTL later. */
  private forgetExpired(now: number): void {
    const horizon = now - this.config.jwtTtlMs - CLOCK_SLACK_MS * 2;
    for (const [id, learned] of this.ended) if (learned < horizon) this.ended.delete(id);
  }
}
