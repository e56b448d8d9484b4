import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommentDto, CommentPage } from '@taskpulse/contract';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { AddCommentDto, EditCommentDto, ListCommentsQuery } from './dto/comment.dto';
import { CommentsService } from './comments.service';

const task = uuidOr404('Task');
const comment = uuidOr404('Comment');

@ApiTags('comments')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Mutation-Id', required: false, description: 'Echoed in the events this request causes' })
@Controller('tasks/:id/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', task) taskId: string, @Query() query: ListCommentsQuery): Promise<CommentPage> {
    return this.comments.list(user.id, taskId, query);
  }

  @Post()
  async add(
    @CurrentUser() user: AuthUser,
    @Param('id', task) taskId: string,
    @Body() dto: AddCommentDto,
    @MutationId() mutationId: string | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommentDto> {
    const { comment: added, created } = await this.comments.add(user.id, taskId, dto, mutationId);
    response.status(created ? 201 : 200);
    return added;
  }

  @Patch(':cid')
  edit(
    @CurrentUser() user: AuthUser,
    @Param('id', task) taskId: string,
    @Param('cid', comment) commentId: string,
    @Body() dto: EditCommentDto,
    @MutationId() mutationId: string | null,
  ): Promise<CommentDto> {
    return this.comments.edit(user.id, taskId, commentId, dto, mutationId);
  }

  @Delete(':cid')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', task) taskId: string,
    @Param('cid', comment) commentId: string,
    @MutationId() mutationId: string | null,
  ): Promise<void> {
    await this.comments.remove(user.id, taskId, commentId, mutationId);
  }
}
