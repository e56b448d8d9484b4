import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import type { SharePermission, TeamRole } from '@taskpulse/contract';

export type { ShareView, TeamMemberView, TeamView } from '@taskpulse/contract';

const normaliseEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

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

export class CreateTeamDto {
  @ApiProperty({ minLength: 1, maxLength: 80 })
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  name: string;
}

export class AddMemberDto {
  @ApiProperty()
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['member', 'admin'] })
  @IsIn(['member', 'admin'])
  role: TeamRole;
}
