import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { EventLogService } from './event-log.service';

/** Prunes events older than EVENT_RETENTION at start-up and every EVENT_PRUNE_INTERVAL. */
@Injectable()
export class RetentionPrunerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionPrunerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly log: EventLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.config.eventPruneIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    if (this.running) return;
    this.running = this.prune().finally(() => (this.running = null));
  }

  private async prune(): Promise<void> {
    try {
      const olderThan = new Date(Date.now() - this.config.eventRetentionMs).toISOString();
      const removed = await this.log.prune(olderThan);
      if (removed > 0) this.logger.log(`pruned ${removed} events older than ${olderThan}`);
    } catch (error) {
      this.logger.error(`pruning the event log failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
