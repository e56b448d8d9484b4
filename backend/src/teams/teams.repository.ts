import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TeamRole } from '@taskpulse/contract';
import { query } from '../platform/database/query';
import type { TeamMemberView } from './dto/team.dto';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';

/** A member as listed in a team, with the team it belongs to. */
export interface MemberOfTeam extends TeamMemberView {
  teamId: string;
}

interface MemberRow {
  team_id: string;
  user_id: string;
  email: string;
  name: string;
  role: TeamRole;
  joined_at: string;
}

/** Every statement on `teams` and `team_members` (but the ones that decide access, in AccessRepository). */
@Injectable()
export class TeamsRepository {
  async insertTeam(m: EntityManager, team: TeamEntity): Promise<void> {
    await m.insert(TeamEntity, team);
  }

  findTeam(m: EntityManager, id: string): Promise<TeamEntity> {
    return m.findOneByOrFail(TeamEntity, { id });
  }

  /** The teams `userId` belongs to, by name. */
  teamsOf(m: EntityManager, userId: string): Promise<Array<{ id: string; name: string }>> {
    return query<{ id: string; name: string }>(
      m,
      'SELECT id, name FROM teams WHERE id IN (SELECT team_id FROM team_members WHERE user_id = :userId) ORDER BY name, id',
      { userId },
    );
  }

  members(m: EntityManager, teamId: string): Promise<TeamMemberEntity[]> {
    return m.findBy(TeamMemberEntity, { teamId });
  }

  async insertMember(m: EntityManager, member: TeamMemberEntity): Promise<void> {
    await m.insert(TeamMemberEntity, member);
  }

  async setRole(m: EntityManager, teamId: string, userId: string, role: TeamRole): Promise<void> {
    await m.update(TeamMemberEntity, { teamId, userId }, { role });
  }

  async deleteMember(m: EntityManager, teamId: string, userId: string): Promise<void> {
    await m.delete(TeamMemberEntity, { teamId, userId });
  }

  /** The members of one team, as listed, first joined first. */
  memberViews(m: EntityManager, teamId: string): Promise<MemberOfTeam[]> {
    return this.memberRows(m, 'team_id = :teamId', { teamId });
  }

  /** The members of every team `userId` belongs to, as listed. */
  memberViewsOfTeamsOf(m: EntityManager, userId: string): Promise<MemberOfTeam[]> {
    return this.memberRows(m, 'team_id IN (SELECT team_id FROM team_members WHERE user_id = :userId)', { userId });
  }

  private async memberRows(m: EntityManager, where: string, params: Record<string, unknown>): Promise<MemberOfTeam[]> {
    const rows = await query<MemberRow>(
      m,
      `SELECT tm.team_id, tm.user_id, u.email, u.name, tm.role, tm.joined_at FROM team_members tm
       JOIN users u ON u.id = tm.user_id WHERE tm.${where} ORDER BY tm.joined_at, u.email`,
      params,
    );
    return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id, email: r.email, name: r.name, role: r.role, joinedAt: r.joined_at }));
  }
}
