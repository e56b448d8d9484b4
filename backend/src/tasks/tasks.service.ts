import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { TaskPage } from '@taskpulse/contract';
import { toIsoInstant } from '../common/time';
import { query, UnitOfWork } from '../database/unit-of-work';
import { TaskChangedEvent } from '../events/domain-events';
import { EventLogService } from '../events/event-log.service';
import type { TaskDto, TaskEventType } from '@taskpulse/contract';
import { type Access, Audience, canChange, canDeleteOrReteam, recipientsOf } from '../sharing/audience';
import { CreateTaskDto, ListTasksQuery, UpdateTaskDto } from './dto/task.dto';
import { decodeCursor, encodeCursor } from './task-cursor';
import { TaskEntity } from './task.entity';
import { toTaskDto } from './task.mapper';
import { rowPermission, rowToEntity, visibleTaskColumns, visibleTasksFrom, type VisibleTaskRow } from './visible-tasks';

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
    private readonly log: EventLogService,
    private readonly audience: Audience,
    private readonly emitter: EventEmitter2,
  ) {}

  list(userId: string, filter: ListTasksQuery): Promise<TaskPage> {
    const limit = filter.limit ?? 50;
    const where: string[] = [];
    const params: Record<string, unknown> = { userId, limit: limit + 1 };
    if (filter.scope === 'mine') where.push('t.owner_id = :userId');
    if (filter.scope === 'shared') where.push('s.user_id IS NOT NULL AND t.owner_id <> :userId');
    if (filter.scope === 'team') where.push('tm.user_id IS NOT NULL');
    if (filter.status) where.push('t.status = :status') && (params.status = filter.status);
    if (filter.teamId) where.push('t.team_id = :teamId') && (params.teamId = filter.teamId);
    if (filter.q) {
      params.q = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push("(LOWER(t.title) LIKE :q ESCAPE '\\' OR LOWER(t.description) LIKE :q ESCAPE '\\')");
    }
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      Object.assign(params, { cursorAt: cursor.createdAt, cursorId: cursor.id });
      where.push('(t.created_at < :cursorAt OR (t.created_at = :cursorAt AND t.id < :cursorId))');
    }
    const sql = `SELECT ${visibleTaskColumns} ${visibleTasksFrom} ${where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY t.created_at DESC, t.id DESC LIMIT :limit`;
    return this.uow.read(async (m) => {
      const rows = await query<VisibleTaskRow>(m, sql, params);
      const seq = await this.log.head(m);
      const page = rows.slice(0, limit).map((row) => toTaskDto(rowToEntity(row), rowPermission(row, userId)));
      const last = page[page.length - 1];
      const next_cursor = rows.length > limit && last ? encodeCursor(last) : null;
      return { items: page, next_cursor, seq };
    });
  }

  async get(userId: string, id: string): Promise<TaskDto> {
    return this.uow.read(async (m) => {
      const { task, access } = await this.audience.loadVisible(m, id, userId);
      return toTaskDto(task, access.permission);
    });
  }

  async create(userId: string, dto: CreateTaskDto, mutationId: string | null): Promise<{ task: TaskDto; created: boolean }> {
    const outcome = await this.uow.write(async (m) => {
      if (dto.id) {
        const existing = await m.findOneBy(TaskEntity, { id: dto.id });
        if (existing && existing.ownerId === userId) return { task: toTaskDto(existing, 'owner'), entry: null };
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
      await m.insert(TaskEntity, task);
      const entry = await this.audience.recordTaskChange(m, 'task_created', task, new Map(), userId, mutationId);
      return { task: toTaskDto(task, 'owner'), entry };
    });
    if (outcome.entry) this.emitter.emit(TaskChangedEvent.eventName, new TaskChangedEvent(outcome.entry));
    return { task: outcome.task, created: outcome.entry !== null };
  }

  async update(userId: string, id: string, dto: UpdateTaskDto, mutationId: string | null): Promise<TaskDto> {
    const outcome = await this.uow.write(async (m) => {
      const { task, access } = await this.audience.loadVisible(m, id, userId);
      if (!canChange(access.permission)) throw new ForbiddenException('You can view this task but not change it');
      if (dto.version !== undefined && dto.version !== task.version) {
        throw new StaleVersionException(toTaskDto(task, access.permission));
      }
      const changes = this.changesOf(task, dto);
      if (Object.keys(changes).length === 0) return { task: toTaskDto(task, access.permission), entry: null };
      if (changes.teamId !== undefined) await this.checkReteam(m, access, changes.teamId, userId);
      const before = await this.audience.of(m, task);
      const now = new Date().toISOString();
      const type: TaskEventType =
        changes.status === 'completed' ? 'task_completed' : changes.status === 'pending' ? 'task_reopened' : 'task_updated';
      if (changes.status) changes.completedAt = changes.status === 'completed' ? now : null;
      const updated: TaskEntity = { ...task, ...changes, updatedAt: now, version: task.version + 1 };
      await m.update(TaskEntity, { id }, { ...changes, updatedAt: now, version: updated.version });
      const entry = await this.audience.recordTaskChange(m, type, updated, before, userId, mutationId);
      const mine = entry.recipients.find((r) => r.userId === userId)?.permission;
      return { task: toTaskDto(updated, mine ?? access.permission), entry };
    });
    if (outcome.entry) this.emitter.emit(TaskChangedEvent.eventName, new TaskChangedEvent(outcome.entry));
    return outcome.task;
  }

  async remove(userId: string, id: string, mutationId: string | null): Promise<void> {
    const entry = await this.uow.write(async (m) => {
      const { task, access } = await this.audience.loadVisible(m, id, userId);
      if (!canDeleteOrReteam(access)) throw new ForbiddenException('Only the owner or a team admin can delete this task');
      const before = await this.audience.of(m, task);
      await query(m, 'DELETE FROM task_shares WHERE task_id = :id', { id });
      await m.delete(TaskEntity, { id });
      return this.log.appendInTransaction(m, {
        type: 'task_deleted',
        actorId: userId,
        taskId: id,
        teamId: task.teamId,
        mutationId,
        task: null,
        member: null,
        recipients: recipientsOf(before, new Map()),
      });
    });
    this.emitter.emit(TaskChangedEvent.eventName, new TaskChangedEvent(entry));
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

  private async requireMembership(m: EntityManager, teamId: string, userId: string): Promise<void> {
    const [member] = await query(m, 'SELECT 1 AS ok FROM team_members WHERE team_id = :teamId AND user_id = :userId', {
      teamId,
      userId,
    });
    if (!member) throw new NotFoundException('Team not found');
  }
}
