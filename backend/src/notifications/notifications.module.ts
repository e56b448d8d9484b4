import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventLogModule } from '../event-log/event-log.module';
import { DueSoonScheduler } from './due-soon.scheduler';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Per-user notifications: written by the other modules inside their changes (`NotificationsService.notify`). */
@Module({
  imports: [AccessModule, EventLogModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, DueSoonScheduler],
  exports: [NotificationsService],
})
export class NotificationsModule {}
