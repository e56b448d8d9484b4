import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  buildMessage,
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
} from 'class-validator';
import type { TaskPriority, TaskStatus } from '@taskpulse/contract';
import { trim } from '../../platform/http/transforms';

const priorities: TaskPriority[] = ['low', 'medium', 'high'];
const statuses: TaskStatus[] = ['pending', 'completed'];

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

/** Optional, but not nullable: `@IsOptional()` would let `null` through to a NOT NULL column (a 500). */
const IsOmittable = () => ValidateIf((_, value) => value !== undefined);

export class CreateTaskDto {
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

export class UpdateTaskDto {
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

  @ApiPropertyOptional({ enum: statuses })
  @IsOptional()
  @IsIn(statuses)
  status?: TaskStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

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
