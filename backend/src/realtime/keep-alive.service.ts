import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';

/**
 * Protocol-level heartbeats: every `heartbeat_ms` each socket that answered the previous ping is pinged again;
 * one that did not is terminated (its client sees 1006 and reconnects with `since`).
 */
@Injectable()
export class KeepAliveService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(KeepAliveService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: ConnectionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweep(), this.config.wsHeartbeatMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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
    if (!connection.isOpen) return;
    if (!connection.alive) {
      connection.terminate();
      return;
    }
    connection.alive = false;
    connection.socket.ping();
  }
}
