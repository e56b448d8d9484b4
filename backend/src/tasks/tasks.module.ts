import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventLogModule } from '../event-log/event-log.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({
  imports: [AccessModule, EventLogModule, NotificationsModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService],
})
export class TasksModule {}
