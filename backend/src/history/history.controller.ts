import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HistoryEntry } from '@taskpulse/contract';
import { AccessService } from '../access/access.service';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { SqlDatabase } from '../platform/database/sql-database';
import { HistoryRepository } from './history.repository';

/** `GET /api/tasks/:id/history`: every field-level change of the task, oldest first, for whoever sees it. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks/:id/history')
export class HistoryController {
  constructor(
    private readonly db: SqlDatabase,
    private readonly access: AccessService,
    private readonly repository: HistoryRepository,
  ) {}

  @Get()
  async list(@CurrentUser() user: AuthUser, @Param('id', uuidOr404('Task')) taskId: string): Promise<HistoryEntry[]> {
    await this.access.loadVisible(taskId, user.id);
    const [rows] = await this.db.read([this.repository.ofTaskStatement(taskId)]);
    return this.repository.toEntries(rows);
  }
}
