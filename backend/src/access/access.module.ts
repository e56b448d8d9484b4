import { Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** Who may see or change a task; no controller of its own. */
@Module({ providers: [AccessRepository, AccessService], exports: [AccessService] })
export class AccessModule {}
