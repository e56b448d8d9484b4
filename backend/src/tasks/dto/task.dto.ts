import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  buildMessage,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  isISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { taskLimits, type TaskPriority, type TaskSort, taskSorts, type TaskStatus, taskStatuses } from '@taskpulse/contract';
import { trim } from '../../platform/http/transforms';

const priorities: TaskPriority[] = ['low', 'medium', 'high'];
const statuses = taskStatuses as TaskStatus[];

/** Optional, but not nullable: `@IsOptional()` would let `null` through to a NOT NULL column (a 500). */
const IsOmittable = () => ValidateIf((_, value) => value !== undefined);

/** Labels trimmed (each, when a string). */
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/** Labels are unique case-insensitively. */
const UniqueIgnoringCase = () =>
  ValidateBy({
    name: 'uniqueIgnoringCase',
    validator: {
      validate: (value) =>
        !Array.isArray(value) || new Set(value.map((item) => (typeof item === 'string' ? item.toLowerCase() : item))).size === value.length,
      defaultMessage: buildMessage((each) => `${each}$property must not contain the same label twice (case-insensitively)`),
    },
  });

export class ChecklistItemDto {
  @ApiPropertyOptional({ description: 'Kept when given (1..64 characters); a new item without one gets a UUID', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  id?: string;

  @ApiProperty({ minLength: 1, maxLength: taskLimits.checklistText })
  @Transform(trim)
  @IsString()
  @Length(1, taskLimits.checklistText)
  text: string;

  @ApiProperty()
  @IsBoolean()
  done: boolean;
}

/** The part 2 fields a client sets on create and on PATCH. */
class TaskListFields {
  @ApiPropertyOptional({ type: [String], maxItems: taskLimits.assignees, description: 'Each must be able to see the task' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(taskLimits.assignees)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  assigneeIds?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: taskLimits.labels })
  @IsOmittable()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(taskLimits.labels)
  @IsString({ each: true })
  @Length(1, taskLimits.labelLength, { each: true })
  @UniqueIgnoringCase()
  labels?: string[];

  @ApiPropertyOptional({ type: [ChecklistItemDto], maxItems: taskLimits.checklist })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(taskLimits.checklist)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist?: ChecklistItemDto[];
}

/**
 * ISO-8601 that `Date` can read too: validator.js also accepts week (`2026-W05-4`), ordinal (`2026-038`) and basic
 * (`20260207`) forms, which would otherwise reach `toISOString()` as an Invalid Date and answer 500.
 */
const IsIsoDate = () =>
  ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (value) => typeof value === 'string' && isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
      defaultMessage: buildMessage((each) => `${each}$property must be a valid ISO 8601 date string`),
    },
  });

export class CreateTaskDto extends TaskListFields {
  @ApiPropertyOptional({ description: 'Client-made UUID; sending the same id again is a safe retry' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: priorities })
  @IsOptional()
  @IsIn(priorities)
  priority?: TaskPriority;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIsoDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  teamId?: string | null;
}

export class UpdateTaskDto extends TaskListFields {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOmittable()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ enum: priorities })
  @IsOmittable()
  @IsIn(priorities)
  priority?: TaskPriority;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIsoDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: statuses })
  @IsOmittable()
  @IsIn(statuses)
  status?: TaskStatus;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  teamId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    format: 'uuid',
    description: 'Move the card right after this task on the board (null: to the top); the server answers the new position',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  moveAfter?: string | null;

  @ApiPropertyOptional({ description: 'The version the client last saw; a stale one is a 409' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export const scopes = ['all', 'mine', 'shared', 'team'] as const;
export type Scope = (typeof scopes)[number];

export class ListTasksQuery {
  @ApiPropertyOptional({ enum: scopes, default: 'all' })
  @IsOptional()
  @IsIn(scopes)
  scope?: Scope;

  @ApiPropertyOptional({ description: `One status or a comma list of ${statuses.join(', ')}` })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value))
  @IsArray()
  @ArrayMaxSize(statuses.length)
  @IsIn(statuses, { each: true, message: `status must be one of ${statuses.join(', ')}, or a comma list of them` })
  status?: TaskStatus[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: '"me" or a user id: only tasks assigned to them' })
  @IsOptional()
  @ValidateIf((_, value) => value !== 'me')
  @IsUUID('all', { message: 'assignee must be "me" or a user id' })
  assignee?: string;

  @ApiPropertyOptional({ maxLength: taskLimits.labelLength, description: 'Only tasks with this label (case-insensitive)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, taskLimits.labelLength)
  label?: string;

  @ApiPropertyOptional({ enum: taskSorts, default: 'created' })
  @IsOptional()
  @IsIn(taskSorts)
  sort?: TaskSort;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
