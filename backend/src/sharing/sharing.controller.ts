import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/current-user';
import { MutationId } from '../common/mutation-id';
import { AddMemberDto, CreateTeamDto, ShareTaskDto, type ShareView, type TeamView } from './dto/sharing.dto';
import { SharesService } from './shares.service';
import { TeamsService } from './teams.service';

const uuidOr404 = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`${what} not found`) });

@ApiTags('shares')
@ApiBearerAuth()
@Controller('tasks/:id/shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', uuidOr404('Task')) taskId: string): Promise<ShareView[]> {
    return this.shares.list(user.id, taskId);
  }

  @Post()
  share(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Task')) taskId: string,
    @Body() dto: ShareTaskDto,
    @MutationId() mutationId: string | null,
  ): Promise<ShareView> {
    return this.shares.share(user.id, taskId, dto, mutationId);
  }

  @Delete(':userId')
  @HttpCode(204)
  async unshare(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Task')) taskId: string,
    @Param('userId', uuidOr404('Share')) targetId: string,
    @MutationId() mutationId: string | null,
  ): Promise<void> {
    await this.shares.unshare(user.id, taskId, targetId, mutationId);
  }
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTeamDto, @MutationId() mutationId: string | null): Promise<TeamView> {
    return this.teams.create(user.id, dto.name, mutationId);
  }

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<TeamView[]> {
    return this.teams.list(user.id);
  }

  @Post(':id/members')
  addMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Team')) teamId: string,
    @Body() dto: AddMemberDto,
    @MutationId() mutationId: string | null,
  ): Promise<TeamView> {
    return this.teams.addMember(user.id, teamId, dto, mutationId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  async removeMember(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Team')) teamId: string,
    @Param('userId', uuidOr404('Member')) targetId: string,
    @MutationId() mutationId: string | null,
  ): Promise<void> {
    await this.teams.removeMember(user.id, teamId, targetId, mutationId);
  }
}
