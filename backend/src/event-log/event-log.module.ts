import { Module } from '@nestjs/common';
import { DomainEvents } from './domain-events.publisher';
import { EventLogRepository } from './event-log.repository';
import { EventLogService } from './event-log.service';
import { RetentionPrunerService } from './retention-pruner.service';

@Module({
  providers: [EventLogRepository, EventLogService, DomainEvents, RetentionPrunerService],
  exports: [EventLogService],
})
export class EventLogModule {}
