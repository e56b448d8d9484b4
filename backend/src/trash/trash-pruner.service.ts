import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { TrashService } from './trash.service';

/** Purges tasks trashed longer than TRASH_RETENTION, at start-up and every TRASH_PRUNE_INTERVAL. */
@Injectable()
export class TrashPrunerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TrashPrunerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly trash: TrashService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.config.trashPruneIntervalMs);
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
      const olderThan = new Date(Date.now() - this.config.trashRetentionMs).toISOString();
      const removed = await this.trash.purge(olderThan);
      if (removed > 0) this.logger.log(`purged ${removed} tasks trashed before ${olderThan}`);
    } catch (error) {
      this.logger.error(`purging the trash failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
