import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';

/** A task's field-level history: its own table, written with each task event, never pruned with the event log. */
@Module({
  imports: [AccessModule],
  controllers: [HistoryController],
  providers: [HistoryRepository],
})
export class HistoryModule {}
