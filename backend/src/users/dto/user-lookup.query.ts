import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { normaliseEmail } from '../../platform/http/transforms';

export class UserLookupQuery {
  @ApiProperty()
  @Transform(normaliseEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;
}
