import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { commentLimits } from '@taskpulse/contract';

/** Optional, but not nullable. */
const IsOmittable = () => ValidateIf((_, value) => value !== undefined);

export class EditCommentDto {
  @ApiProperty({ minLength: 1, maxLength: commentLimits.body })
  @IsString()
  @Length(1, commentLimits.body)
  @Matches(/\S/, { message: 'body must not be blank' })
  body: string;

  @ApiPropertyOptional({ type: [String], maxItems: commentLimits.mentions, description: 'Users mentioned; each must see the task' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(commentLimits.mentions)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class AddCommentDto extends EditCommentDto {
  @ApiPropertyOptional({ description: 'Client-made UUID; sending the same id again is a safe retry' })
  @IsOptional()
  @IsUUID()
  id?: string;
}

export class ListCommentsQuery {
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
