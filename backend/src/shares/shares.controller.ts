import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { ShareTaskDto, type ShareView } from './dto/share-task.dto';
import { SharesService } from './shares.service';

@ApiTags('shares')
@ApiBearerAuth()
@Controller('tasks/:id/shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', uuidOr404('Task')) taskId: string): Promise<ShareView[]> {
    return this.shares.list(user.id, taskId);
  }

  @Post()
  share(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Task')) taskId: string,
    @Body() dto: ShareTaskDto,
    @MutationId() mutationId: string | null,
  ): Promise<ShareView> {
    return this.shares.share(user.id, taskId, dto, mutationId);
  }

  @Delete(':userId')
  @HttpCode(204)
  async unshare(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Task')) taskId: string,
    @Param('userId', uuidOr404('Share')) targetId: string,
    @MutationId() mutationId: string | null,
  ): Promise<void> {
    await this.shares.unshare(user.id, taskId, targetId, mutationId);
  }
}
