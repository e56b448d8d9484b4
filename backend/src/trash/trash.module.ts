import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { EventLogModule } from '../event-log/event-log.module';
import { TrashPrunerService } from './trash-pruner.service';
import { TrashController } from './trash.controller';
import { TrashRepository } from './trash.repository';
import { TrashService } from './trash.service';

/** Deleted tasks: listed for who may restore them, restored with their shares, purged after TRASH_RETENTION. */
@Module({
  imports: [AccessModule, EventLogModule],
  controllers: [TrashController],
  providers: [TrashRepository, TrashService, TrashPrunerService],
  exports: [TrashService],
})
export class TrashModule {}
