import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChecklistItem, TaskDto, TaskEventType, TaskPage } from '@taskpulse/contract';
import { type Access, canChange, canDeleteOrReteam } from '../access/access-policy';
import { type VisibleTaskRow, toVisibleTask } from '../access/access.repository';
import { AccessService } from '../access/access.service';
import { audienceAfterEdit, type TaskAudience, taskAudience, taskChangeRecipients } from '../access/audience';
import { type Branch, VisibleTasksRepository } from '../access/visible-tasks.repository';
import type { FieldChanges } from '../event-log/event-log-entry';
import { type Change, EventLogService } from '../event-log/event-log.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Sql } from '../platform/database/sql-database';
import { toIsoInstant } from '../platform/http/time';
import { type ChecklistItemDto, CreateTaskDto, ListTasksQuery, type Scope, UpdateTaskDto } from './dto/task.dto';
import { uniqueKeyBetween } from './position-key';
import { decodeCursor, encodeCursor } from './task-cursor';
import { sortValues, taskOrders } from './task-order';
import type { TaskEntity } from './task.entity';
import { toSnapshot, toTaskDto } from './task.mapper';
import { TasksRepository } from './tasks.repository';

export type { TaskPage };

export class StaleVersionException extends ConflictException {
  constructor(task: TaskDto) {
    super({ statusCode: 409, error: 'Conflict', message: 'Task was changed by someone else', task });
  }
}

type Editable = Pick<
  TaskEntity,
  'title' | 'description' | 'priority' | 'dueDate' | 'status' | 'teamId' | 'assigneeIds' | 'labels' | 'checklist'
>;
/** The fields a task's history records. */
const historyFields = [
  'title',
  'description',
  'status',
  'priority',
  'dueDate',
  'teamId',
  'assigneeIds',
  'labels',
  'checklist',
  'position',
] as const satisfies ReadonlyArray<keyof TaskEntity>;
const listFields = new Set<keyof TaskEntity>(['assigneeIds', 'labels', 'checklist']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Checklist items keep the ids they were given; a new item without one gets a UUID. Ids are unique in a list. */
function checklistOf(items: readonly ChecklistItemDto[]): ChecklistItem[] {
  const list = items.map((item) => ({ id: item.id ?? randomUUID(), text: item.text, done: item.done }));
  if (new Set(list.map((item) => item.id)).size !== list.length) throw new BadRequestException(['checklist item ids must be unique']);
  return list;
}

const branchesOf: Record<Scope, Branch[]> = { all: ['owned', 'shared', 'team'], mine: ['owned'], shared: ['shared'], team: ['team'] };

@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly visible: VisibleTasksRepository,
    private readonly access: AccessService,
    private readonly log: EventLogService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(userId: string, filter: ListTasksQuery): Promise<TaskPage> {
    const limit = filter.limit ?? 50;
    const order = taskOrders[filter.sort ?? 'created'];
    const after = filter.cursor ? decodeCursor(order, filter.cursor) : undefined;
    const search = filter.q ? await this.visible.searchFor(filter.q) : undefined;
    const scope = filter.scope ?? 'all';
    const assignee = filter.assignee === 'me' ? userId : filter.assignee;
    // "Assigned to me" over everything I see is read from my assignments, not by filtering every visible task.
    const mine = assignee === userId && scope === 'all';
    const page = this.visible.pageStatement(
      userId,
      {
        branches: mine ? ['assigned'] : branchesOf[scope],
        statuses: filter.status,
        teamId: filter.teamId,
        search,
        assignee: mine ? undefined : assignee,
        label: filter.label,
        after,
        limit: limit + 1,
      },
      order,
    );
    const { results, head } = await this.log.readWithHead([page]);
    const rows = results[0] as unknown as VisibleTaskRow[];
    const items = rows.slice(0, limit).flatMap((row) => {
      const visible = toVisibleTask(row, userId);
      return visible ? [toTaskDto(visible.task, visible.access.permission)] : [];
    });
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > limit && last ? encodeCursor(order, sortValues(order, last)) : null, seq: head };
  }

  async get(userId: string, id: string): Promise<TaskDto> {
    const { task, access } = await this.access.loadVisible(id, userId);
    return toTaskDto(task, access.permission);
  }

  async create(userId: string, dto: CreateTaskDto, mutationId: string | null): Promise<{ task: TaskDto; created: boolean }> {
    return this.log.write(async ({ tx, record }) => {
      if (dto.id) {
        const owner = await this.repository.ownerOf(tx, dto.id);
        if (owner === userId) return { task: await this.current(tx, dto.id, userId), created: false };
        if (owner) throw new ConflictException('A task with this id already exists');
      }
      if (dto.teamId) await this.requireMembership(tx, dto.teamId, userId);
      const now = new Date().toISOString();
      const id = dto.id ?? randomUUID();
      const assigneeIds = dto.assigneeIds ?? [];
      await this.checkAssignees(tx, { id, ownerId: userId, teamId: dto.teamId ?? null }, assigneeIds);
      const task: TaskEntity = {
        id,
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
        assigneeIds,
        labels: dto.labels ?? [],
        checklist: checklistOf(dto.checklist ?? []),
        // After every other card; the random tail keeps two creates at once apart.
        position: uniqueKeyBetween(await this.repository.lastPosition(tx), null),
        commentCount: 0,
      };
      await this.repository.insert(tx, task);
      const history: FieldChanges = Object.fromEntries(historyFields.map((field) => [field, [null, task[field]] as const]));
      this.recordChange({ tx, record }, { type: 'task_created', task, before: new Map(), history }, userId, mutationId);
      const cause = { kind: 'assigned' as const, actorId: userId, taskId: task.id, teamId: task.teamId, mutationId };
      await this.notifications.notify({ tx, record }, assigneeIds, cause);
      return { task: toTaskDto(task, 'owner'), created: true };
    });
  }

  async update(userId: string, id: string, dto: UpdateTaskDto, mutationId: string | null): Promise<TaskDto> {
    return this.log.write(async (change) => {
      const { tx } = change;
      const { task, access } = await this.access.lockForChange(tx, id, userId);
      if (!canChange(access.permission)) throw new ForbiddenException('You can view this task but not change it');
      if (dto.version !== undefined && dto.version !== task.version) {
        throw new StaleVersionException(toTaskDto(task, access.permission));
      }
      const changes = this.changesOf(task, dto);
      if (dto.moveAfter !== undefined) {
        const position = await this.positionFor(tx, task, dto.moveAfter, userId);
        if (position !== task.position) changes.position = position;
      }
      if (Object.keys(changes).length === 0) return toTaskDto(task, access.permission);
      if (changes.teamId !== undefined) await this.checkReteam(tx, access, changes.teamId, userId);
      if (changes.assigneeIds) await this.checkAssignees(tx, { ...task, ...changes }, changes.assigneeIds);
      const before = await this.access.audienceOf(tx, task);
      const now = new Date().toISOString();
      // Into completed: task_completed; out of it: task_reopened; any other change (in_progress ⇄ pending too): task_updated.
      const type: TaskEventType =
        changes.status === 'completed'
          ? 'task_completed'
          : changes.status && task.status === 'completed'
            ? 'task_reopened'
            : 'task_updated';
      if (changes.status === 'completed') changes.completedAt = now;
      else if (changes.status) changes.completedAt = null;
      const updated: TaskEntity = { ...task, ...changes, updatedAt: now, version: task.version + 1 };
      await this.repository.update(tx, id, { ...changes, updatedAt: now, version: updated.version });
      if (changes.assigneeIds) await this.repository.setAssignees(tx, id, task.assigneeIds, changes.assigneeIds);
      if (changes.labels) await this.repository.setLabels(tx, id, task.labels, changes.labels);
      const history: FieldChanges = Object.fromEntries(
        historyFields.filter((field) => field in changes).map((field) => [field, [task[field], updated[field]] as const]),
      );
      this.recordChange(change, { type, task: updated, before, history }, userId, mutationId);
      if (changes.assigneeIds) {
        const added = changes.assigneeIds.filter((assignee) => !task.assigneeIds.includes(assignee));
        const cause = { kind: 'assigned' as const, actorId: userId, taskId: id, teamId: updated.teamId, mutationId };
        await this.notifications.notify(change, added, cause);
      }
      if (changes.teamId === undefined) return toTaskDto(updated, access.permission);
      // A move may change how the mover sees the task; one who loses it is answered with the access they acted with.
      const after = await this.access.accessIn(tx, id, userId);
      return toTaskDto(updated, after?.access.permission ?? access.permission);
    });
  }

  async remove(userId: string, id: string, mutationId: string | null): Promise<void> {
    await this.log.write(async (change) => {
      const { tx } = change;
      const { task, access } = await this.access.lockForChange(tx, id, userId);
      if (!canDeleteOrReteam(access)) throw new ForbiddenException('Only the owner or a team admin can delete this task');
      const before = await this.access.audienceOf(tx, task);
      await this.repository.delete(tx, id);
      this.recordChange(change, { type: 'task_deleted', task, deleted: true, before, history: {} }, userId, mutationId);
    });
  }

  /**
   * Records a task change for its audience before ∪ after. `task` is the task after the change, or the task that was
   * deleted: every recipient then gets `task: null`. A task's own change keeps its owner and shares, so the audience
   * after follows from the one before without another read.
   */
  private recordChange(
    { record }: Change,
    change: { type: TaskEventType; task: TaskEntity; deleted?: boolean; before: TaskAudience; history: FieldChanges },
    actorId: string,
    mutationId: string | null,
  ): void {
    const after = change.deleted ? null : change.task;
    const audienceAfter =
      after === null ? new Map() : change.before.size === 0 ? taskAudience(after, []) : audienceAfterEdit(change.before, after);
    record({
      type: change.type,
      actorId,
      taskId: change.task.id,
      teamId: change.task.teamId,
      task: after ? toSnapshot(after) : null,
      mutationId,
      recipients: taskChangeRecipients(change.before, audienceAfter),
      history: change.history,
    });
  }

  private async current(tx: Sql, id: string, userId: string): Promise<TaskDto> {
    const visible = await this.access.accessIn(tx, id, userId);
    if (!visible) throw new NotFoundException('Task not found');
    return toTaskDto(visible.task, visible.access.permission);
  }

  private changesOf(task: TaskEntity, dto: UpdateTaskDto): Partial<TaskEntity> {
    const wanted: Partial<Editable> = {
      title: dto.title,
      description: dto.description,
      priority: dto.priority,
      status: dto.status,
      dueDate: dto.dueDate === undefined || dto.dueDate === null ? dto.dueDate : toIsoInstant(dto.dueDate),
      teamId: dto.teamId,
      assigneeIds: dto.assigneeIds,
      labels: dto.labels,
      checklist: dto.checklist ? checklistOf(dto.checklist) : undefined,
    };
    const changes: Partial<TaskEntity> = {};
    for (const [key, value] of Object.entries(wanted) as [keyof Editable, unknown][]) {
      if (value === undefined) continue;
      if (listFields.has(key) ? !same(value, task[key]) : value !== task[key]) Object.assign(changes, { [key]: value });
    }
    return changes;
  }

  /**
   * The card's key right after `moveAfter` (null: before every card), computed in the write: between the anchor
   * and the key that follows it on the whole board, so nothing anyone sees lies between, and no other card is
   * renumbered. Already there: its key stays.
   */
  private async positionFor(tx: Sql, task: TaskEntity, moveAfter: string | null, userId: string): Promise<string> {
    if (moveAfter === task.id) throw new BadRequestException(['moveAfter must be another task']);
    if (moveAfter === null) {
      const first = await this.repository.firstPosition(tx);
      return first === task.position ? task.position : uniqueKeyBetween(null, first);
    }
    const anchor = await this.access.seenIn(tx, moveAfter, userId);
    if (!anchor) throw new BadRequestException(['moveAfter must be a task you can see']);
    const next = await this.repository.positionAfter(tx, anchor.task.position);
    return next === task.position ? task.position : uniqueKeyBetween(anchor.task.position, next);
  }

  /** Everyone assigned must be able to see the task (as it is after the change). */
  private async checkAssignees(
    tx: Sql,
    task: { id: string; ownerId: string; teamId: string | null },
    assigneeIds: readonly string[],
  ): Promise<void> {
    if (assigneeIds.length === 0) return;
    const seeing = await this.access.whoCanSee(tx, task, assigneeIds);
    if (seeing.size !== assigneeIds.length) throw new BadRequestException(['assigneeIds must be people who can see the task']);
  }

  private async checkReteam(tx: Sql, access: Access, teamId: string | null, userId: string): Promise<void> {
    if (!canDeleteOrReteam(access)) throw new ForbiddenException('Only the owner or a team admin can move this task');
    if (teamId) await this.requireMembership(tx, teamId, userId);
  }

  /** A task may only be put in a team its mover belongs to; other teams do not exist for them. */
  private async requireMembership(tx: Sql, teamId: string, userId: string): Promise<void> {
    if ((await this.access.teamRole(tx, teamId, userId)) === null) throw new NotFoundException('Team not found');
  }
}
