import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LookupRateLimited } from '../auth/user-rate-limit.guard';
import { UserLookupQuery } from './dto/user-lookup.query';
import { type PublicUser } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Exact (case-insensitive) email match only: used to find someone to share with. */
  @Get()
  @LookupRateLimited()
  lookup(@Query() query: UserLookupQuery): Promise<PublicUser[]> {
    return this.users.findByEmail(query.email);
  }
}
