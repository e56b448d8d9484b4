import { Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { VisibleTasksRepository } from './visible-tasks.repository';

/** Who may see or change a task; no controller of its own. */
@Module({
  providers: [AccessRepository, AccessService, VisibleTasksRepository],
  exports: [AccessService, VisibleTasksRepository],
})
export class AccessModule {}
