import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { TaskDto } from '@taskpulse/contract';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { CreateTaskDto, ListTasksQuery, UpdateTaskDto } from './dto/task.dto';
import { type TaskPage, TasksService } from './tasks.service';

/** A malformed id names no task anyone can see: 404, like any other invisible task. */
const uuid = uuidOr404('Task');

@ApiTags('tasks')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Mutation-Id', required: false, description: 'Echoed in the events this request causes' })
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() filter: ListTasksQuery): Promise<TaskPage> {
    return this.tasks.list(user.id, filter);
  }

  @Post()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateTaskDto,
    @MutationId() mutationId: string | null,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskDto> {
    const { task, created } = await this.tasks.create(user.id, dto, mutationId);
    response.status(created ? 201 : 200);
    return task;
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskDto> {
    return this.tasks.get(user.id, id);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateTaskDto,
    @MutationId() mutationId: string | null,
  ): Promise<TaskDto> {
    return this.tasks.update(user.id, id, dto, mutationId);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @MutationId() mutationId: string | null): Promise<void> {
    await this.tasks.remove(user.id, id, mutationId);
  }
}
