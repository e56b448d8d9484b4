import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ActivityPage, LoggedServerMessage } from '@taskpulse/contract';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { EventLogService } from '../event-log/event-log.service';
import { eventMessage } from '../realtime/event-message';

export class ActivityQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only events with a seq below this (the next_before of the previous page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}

/** `GET /api/activity`: the logged events the caller received, newest first, as the socket sent them. */
@ApiTags('activity')
@ApiBearerAuth()
@Controller('activity')
export class ActivityController {
  constructor(private readonly log: EventLogService) {}

  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() query: ActivityQuery): Promise<ActivityPage> {
    const limit = query.limit ?? 50;
    const entries = await this.log.readRecentForUser(user.id, query.before ?? Number.MAX_SAFE_INTEGER, limit);
    const items = entries.map((entry) => eventMessage(entry, entry.recipients[0]?.permission ?? null, user.id) as LoggedServerMessage);
    return { items, next_before: entries.length === limit ? entries[entries.length - 1].seq : null };
  }
}
