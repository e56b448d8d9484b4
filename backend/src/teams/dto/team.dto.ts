import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import type { TeamRole } from '@taskpulse/contract';
import { normaliseEmail, trim } from '../../platform/http/transforms';

export type { TeamMemberView, TeamView } from '@taskpulse/contract';

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

export class RenameTeamDto extends CreateTeamDto {}
