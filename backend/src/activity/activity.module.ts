import { Module } from '@nestjs/common';
import { EventLogModule } from '../event-log/event-log.module';
import { ActivityController } from './activity.controller';

/** The caller's recent activity feed, read from the event log by its recipient index. */
@Module({
  imports: [EventLogModule],
  controllers: [ActivityController],
})
export class ActivityModule {}
