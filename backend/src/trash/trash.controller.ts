import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { TaskDto, TrashPage } from '@taskpulse/contract';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { ListTrashQuery } from './trash.dto';
import { TrashService } from './trash.service';

@ApiTags('trash')
@ApiBearerAuth()
@Controller()
export class TrashController {
  constructor(private readonly trash: TrashService) {}

  @Get('trash')
  list(@CurrentUser() user: AuthUser, @Query() query: ListTrashQuery): Promise<TrashPage> {
    return this.trash.list(user.id, query);
  }

  @Post('tasks/:id/restore')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Mutation-Id', required: false, description: 'Echoed in the task_restored event' })
  restore(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Task')) id: string,
    @MutationId() mutationId: string | null,
  ): Promise<TaskDto> {
    return this.trash.restore(user.id, id, mutationId);
  }
}
