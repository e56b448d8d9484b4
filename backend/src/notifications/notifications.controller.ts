import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { NotificationPage } from '@taskpulse/contract';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { ListNotificationsQuery, MarkReadDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Mutation-Id', required: false, description: 'Echoed in the events this request causes' })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(user.id, query);
  }

  @Post('read')
  @HttpCode(204)
  async read(@CurrentUser() user: AuthUser, @Body() dto: MarkReadDto, @MutationId() mutationId: string | null): Promise<void> {
    await this.notifications.markRead(user.id, dto, mutationId);
  }
}
