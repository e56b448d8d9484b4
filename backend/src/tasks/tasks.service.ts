import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { TaskDto, TaskEventType, TaskPage } from '@taskpulse/contract';
import { type Access, canChange, canDeleteOrReteam } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { EventLogService } from '../event-log/event-log.service';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { toIsoInstant } from '../platform/http/time';
import { CreateTaskDto, ListTasksQuery, UpdateTaskDto } from './dto/task.dto';
import { decodeCursor, encodeCursor } from './task-cursor';
import { TaskEntity } from './task.entity';
import { toSnapshot, toTaskDto } from './task.mapper';
import { TasksRepository } from './tasks.repository';

export type { TaskPage };

export class StaleVersionException extends ConflictException {
  constructor(task: TaskDto) {
    super({ statusCode: 409, error: 'Conflict', message: 'Task was changed by someone else', task });
  }
}

type Editable = Pick<TaskEntity, 'title' | 'description' | 'priority' | 'dueDate' | 'status' | 'teamId'>;

@Injectable()
export class TasksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: TasksRepository,
    private readonly access: AccessService,
    private readonly log: EventLogService,
  ) {}

  list(userId: string, filter: ListTasksQuery): Promise<TaskPage> {
    const limit = filter.limit ?? 50;
    const after = filter.cursor ? decodeCursor(filter.cursor) : null;
    return this.uow.read(async (m) => {
      const rows = await this.repository.listVisible(m, userId, { ...filter, after, limit: limit + 1 });
      const seq = await this.log.head(m);
      const page = rows.slice(0, limit).map(({ task, access }) => toTaskDto(task, access.permission));
      const last = page[page.length - 1];
      const next_cursor = rows.length > limit && last ? encodeCursor(last) : null;
      return { items: page, next_cursor, seq };
    });
  }

  async get(userId: string, id: string): Promise<TaskDto> {
    return this.uow.read(async (m) => {
      const { task, access } = await this.access.loadVisible(m, id, userId);
      return toTaskDto(task, access.permission);
    });
  }

  async create(userId: string, dto: CreateTaskDto, mutationId: string | null): Promise<{ task: TaskDto; created: boolean }> {
    return this.uow.write(async (m) => {
      if (dto.id) {
        const existing = await this.repository.findById(m, dto.id);
        if (existing && existing.ownerId === userId) return { task: toTaskDto(existing, 'owner'), created: false };
        if (existing) throw new ConflictException('A task with this id already exists');
      }
      if (dto.teamId) await this.requireMembership(m, dto.teamId, userId);
      const now = new Date().toISOString();
      const task: TaskEntity = {
        id: dto.id ?? randomUUID(),
        title: dto.title,
        description: dto.description ?? '',
        status: 'pending',
        priority: dto.priority ?? 'medium',
        dueDate: dto.dueDate ? toIsoInstant(dto.dueDate) : null,
        ownerId: userId,
        teamId: dto.teamId ?? null,
        createdAt: now,
        updatedAt: now,
        completedAt: null,
        version: 1,
      };
      await this.repository.insert(m, task);
      await this.log.append(m, {
        type: 'task_created',
        actorId: userId,
        taskId: task.id,
        teamId: task.teamId,
        task: toSnapshot(task),
        mutationId,
        recipients: await this.access.recipientsAfter(m, new Map(), task),
      });
      return { task: toTaskDto(task, 'owner'), created: true };
    });
  }

  async update(userId: string, id: string, dto: UpdateTaskDto, mutationId: string | null): Promise<TaskDto> {
    return this.uow.write(async (m) => {
      const { task, access } = await this.access.loadVisible(m, id, userId);
      if (!canChange(access.permission)) throw new ForbiddenException('You can view this task but not change it');
      if (dto.version !== undefined && dto.version !== task.version) {
        throw new StaleVersionException(toTaskDto(task, access.permission));
      }
      const changes = this.changesOf(task, dto);
      if (Object.keys(changes).length === 0) return toTaskDto(task, access.permission);
      if (changes.teamId !== undefined) await this.checkReteam(m, access, changes.teamId, userId);
      const before = await this.access.audienceOf(m, task);
      const now = new Date().toISOString();
      const type: TaskEventType =
        changes.status === 'completed' ? 'task_completed' : changes.status === 'pending' ? 'task_reopened' : 'task_updated';
      if (changes.status) changes.completedAt = changes.status === 'completed' ? now : null;
      const updated: TaskEntity = { ...task, ...changes, updatedAt: now, version: task.version + 1 };
      await this.repository.update(m, id, { ...changes, updatedAt: now, version: updated.version });
      const entry = await this.log.append(m, {
        type,
        actorId: userId,
        taskId: id,
        teamId: updated.teamId,
        task: toSnapshot(updated),
        mutationId,
        recipients: await this.access.recipientsAfter(m, before, updated),
      });
      const mine = entry.recipients.find((r) => r.userId === userId)?.permission;
      return toTaskDto(updated, mine ?? access.permission);
    });
  }

  async remove(userId: string, id: string, mutationId: string | null): Promise<void> {
    await this.uow.write(async (m) => {
      const { task, access } = await this.access.loadVisible(m, id, userId);
      if (!canDeleteOrReteam(access)) throw new ForbiddenException('Only the owner or a team admin can delete this task');
      const before = await this.access.audienceOf(m, task);
      await this.repository.delete(m, id);
      await this.log.append(m, {
        type: 'task_deleted',
        actorId: userId,
        taskId: id,
        teamId: task.teamId,
        task: null,
        mutationId,
        recipients: await this.access.recipientsAfter(m, before, null),
      });
    });
  }

  private changesOf(task: TaskEntity, dto: UpdateTaskDto): Partial<TaskEntity> {
    const wanted: Partial<Editable> = {
      title: dto.title,
      description: dto.description,
      priority: dto.priority,
      status: dto.status,
      dueDate: dto.dueDate === undefined || dto.dueDate === null ? dto.dueDate : toIsoInstant(dto.dueDate),
      teamId: dto.teamId,
    };
    const changes: Partial<TaskEntity> = {};
    for (const [key, value] of Object.entries(wanted) as [keyof Editable, unknown][]) {
      if (value !== undefined && value !== task[key]) Object.assign(changes, { [key]: value });
    }
    return changes;
  }

  private async checkReteam(m: EntityManager, access: Access, teamId: string | null, userId: string): Promise<void> {
    if (!canDeleteOrReteam(access)) throw new ForbiddenException('Only the owner or a team admin can move this task');
    if (teamId) await this.requireMembership(m, teamId, userId);
  }

  /** A task may only be put in a team its owner or mover belongs to; other teams do not exist for them. */
  private async requireMembership(m: EntityManager, teamId: string, userId: string): Promise<void> {
    if (!(await this.access.isTeamMember(m, teamId, userId))) throw new NotFoundException('Team not found');
  }
}
