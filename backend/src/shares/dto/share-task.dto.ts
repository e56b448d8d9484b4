import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, MaxLength } from 'class-validator';
import type { SharePermission } from '@taskpulse/contract';
import { normaliseEmail } from '../../platform/http/transforms';

export type { ShareView } from '@taskpulse/contract';

export class ShareTaskDto {
  @ApiProperty()
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['view', 'edit'] })
  @IsIn(['view', 'edit'])
  permission: SharePermission;
}
