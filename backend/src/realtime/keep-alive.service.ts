import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import type { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';

/** How often token expiry is checked: a connection outlives its token by at most this long. */
const EXPIRY_SWEEP_MS = 1000;

/**
 * Protocol-level heartbeats: every `heartbeat_ms` each socket that answered the previous ping is pinged again;
 * one that did not is terminated (its client sees 1006 and reconnects with `since`). Every second, connections
 * whose token expired unrefreshed are closed with 4401: one sweep instead of a timer per connection.
 */
@Injectable()
export class KeepAliveService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KeepAliveService.name);
  private timer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: ConnectionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweep(), this.config.wsHeartbeatMs);
    this.timer.unref();
    this.expiryTimer = setInterval(() => this.closeExpired(Date.now()), EXPIRY_SWEEP_MS);
    this.expiryTimer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    this.timer = null;
    this.expiryTimer = null;
  }

  closeExpired(now: number): void {
    for (const connection of this.registry.all()) {
      if (connection.isOpen) connection.closeIfExpired(now);
    }
  }

  sweep(): void {
    for (const connection of this.registry.all()) {
      try {
        this.check(connection);
      } catch (error) {
        this.logger.error(`heartbeat of connection ${connection.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        connection.terminate();
      }
    }
  }

  private check(connection: Connection): void {
    // A server-sent event stream has no pong: its comment lines (SseService) keep it open, a write error ends it.
    if (!connection.isOpen || connection.transport.kind !== 'websocket') return;
    if (!connection.alive) {
      connection.terminate();
      return;
    }
    connection.alive = false;
    connection.transport.ping();
  }
}
