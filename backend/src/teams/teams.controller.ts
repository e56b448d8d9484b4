import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { MutationId } from '../platform/http/mutation-id.decorator';
import { uuidOr404 } from '../platform/http/uuid-or-404.pipe';
import { AddMemberDto, CreateTeamDto, RenameTeamDto, type TeamView } from './dto/team.dto';
import { TeamsService } from './teams.service';

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

  @Patch(':id')
  rename(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Team')) teamId: string,
    @Body() dto: RenameTeamDto,
    @MutationId() mutationId: string | null,
  ): Promise<TeamView> {
    return this.teams.rename(user.id, teamId, dto.name, mutationId);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidOr404('Team')) teamId: string,
    @MutationId() mutationId: string | null,
  ): Promise<void> {
    await this.teams.remove(user.id, teamId, mutationId);
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
