import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { EventLogService } from '../event-log/event-log.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { SqlDatabase } from '../platform/database/sql-database';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * `due_soon`: every DUE_SOON_INTERVAL, each instance reads the open tasks due within 24 h that have no claim for
 * their due date yet, and claims each in its own transaction (a row in due_soon_claims, unique per task and due
 * date). Only the transaction whose insert made the row notifies the owner and the assignees who can see the task,
 * so however many instances run, each task and due date is notified once. A new due date is a new claim.
 */
@Injectable()
export class DueSoonScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DueSoonScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: NotificationsRepository,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
    private readonly log: EventLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.config.dueSoonIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; answers how many tasks this instance claimed. */
  tick(now = new Date()): Promise<number> {
    if (!this.running) {
      this.running = this.sweep(now)
        .catch((error: unknown) => {
          this.logger.error(`due_soon sweep failed: ${error instanceof Error ? error.message : String(error)}`);
          return 0;
        })
        .finally(() => (this.running = null));
    }
    return this.running;
  }

  private async sweep(now: Date): Promise<number> {
    const until = new Date(now.getTime() + DAY_MS).toISOString();
    const [rows] = await this.db.read([this.repository.dueSoonStatement(now.toISOString(), until, BATCH)]);
    let claimed = 0;
    for (const due of this.repository.toDueTasks(rows)) if (await this.claim(due.id, due.dueDate, now)) claimed += 1;
    return claimed;
  }

  private claim(taskId: string, dueDate: string, now: Date): Promise<boolean> {
    return this.log.write(async (change) => {
      const task = await this.repository.lockTask(change.tx, taskId);
      if (!task || task.status === 'completed' || task.dueDate !== dueDate) return false;
      if (!(await this.repository.claimDueSoon(change.tx, taskId, dueDate, now.toISOString()))) return false;
      const seeing = await this.access.whoCanSee(change.tx, task, [task.ownerId, ...task.assigneeIds]);
      await this.notifications.notify(change, seeing, { kind: 'due_soon', actorId: null, taskId, teamId: task.teamId, mutationId: null });
      return true;
    });
  }
}
