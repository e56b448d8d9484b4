import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { membershipRecipients } from '../access/audience';
import { EventLogService } from '../event-log/event-log.service';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { UsersRepository } from '../users/users.repository';
import { AddMemberDto, type TeamMemberView, type TeamView } from './dto/team.dto';
import { TeamMemberEntity } from './team-member.entity';
import { type MemberOfTeam, TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: TeamsRepository,
    private readonly users: UsersRepository,
    private readonly log: EventLogService,
  ) {}

  /** The creator becomes the first admin; the membership is logged so the creator's other screens learn of it. */
  async create(userId: string, name: string, mutationId: string | null): Promise<TeamView> {
    return this.uow.write(async (m) => {
      const now = new Date().toISOString();
      const id = randomUUID();
      await this.repository.insertTeam(m, { id, name, createdBy: userId, createdAt: now });
      await this.repository.insertMember(m, { teamId: id, userId, role: 'admin', joinedAt: now });
      await this.log.append(m, {
        type: 'team_member_added',
        actorId: userId,
        teamId: id,
        member: { userId, role: 'admin' },
        mutationId,
        recipients: membershipRecipients([], userId),
      });
      return this.view(m, id, userId);
    });
  }

  list(userId: string): Promise<TeamView[]> {
    return this.uow.read(async (m) => {
      const members = await this.repository.memberViewsOfTeamsOf(m, userId);
      const teams = await this.repository.teamsOf(m, userId);
      return teams.map((team) =>
        this.assemble(
          team,
          members.filter((member) => member.teamId === team.id),
          userId,
        ),
      );
    });
  }

  /** Admins only. Adding someone already in the team sets their role. */
  async addMember(userId: string, teamId: string, dto: AddMemberDto, mutationId: string | null): Promise<TeamView> {
    return this.uow.write(async (m) => {
      const members = await this.requireAdmin(m, teamId, userId);
      const target = await this.users.findByEmail(m, dto.email);
      if (!target) throw new NotFoundException('No user with this email');
      const current = members.find((member) => member.userId === target.id);
      if (current?.role === dto.role) return this.view(m, teamId, userId);
      if (current) {
        if (dto.role === 'member') this.keepAnAdmin(members, target.id);
        await this.repository.setRole(m, teamId, target.id, dto.role);
      } else {
        await this.repository.insertMember(m, { teamId, userId: target.id, role: dto.role, joinedAt: new Date().toISOString() });
      }
      await this.log.append(m, {
        type: 'team_member_added',
        actorId: userId,
        teamId,
        member: { userId: target.id, role: dto.role },
        mutationId,
        recipients: membershipRecipients(
          members.map((member) => member.userId),
          target.id,
        ),
      });
      return this.view(m, teamId, userId);
    });
  }

  /** Admins remove anyone; any member may leave. */
  async removeMember(userId: string, teamId: string, targetId: string, mutationId: string | null): Promise<void> {
    await this.uow.write(async (m) => {
      const members = await this.repository.members(m, teamId);
      const me = members.find((member) => member.userId === userId);
      if (!me) throw new NotFoundException('Team not found');
      if (targetId !== userId && me.role !== 'admin') throw new ForbiddenException('Only team admins can remove members');
      const target = members.find((member) => member.userId === targetId);
      if (!target) throw new NotFoundException('Member not found');
      if (target.role === 'admin') this.keepAnAdmin(members, targetId);
      await this.repository.deleteMember(m, teamId, targetId);
      await this.log.append(m, {
        type: 'team_member_removed',
        actorId: userId,
        teamId,
        member: { userId: targetId, role: null },
        mutationId,
        recipients: membershipRecipients(
          members.map((member) => member.userId),
          targetId,
        ),
      });
    });
  }

  private keepAnAdmin(members: TeamMemberEntity[], leavingId: string): void {
    const others = members.filter((member) => member.userId !== leavingId);
    if (others.length > 0 && !others.some((member) => member.role === 'admin')) {
      throw new ConflictException('A team needs an admin: make someone else admin first');
    }
  }

  private async requireAdmin(m: EntityManager, teamId: string, userId: string): Promise<TeamMemberEntity[]> {
    const members = await this.repository.members(m, teamId);
    const me = members.find((member) => member.userId === userId);
    if (!me) throw new NotFoundException('Team not found');
    if (me.role !== 'admin') throw new ForbiddenException('Only team admins can add members');
    return members;
  }

  private async view(m: EntityManager, teamId: string, userId: string): Promise<TeamView> {
    const team = await this.repository.findTeam(m, teamId);
    return this.assemble(team, await this.repository.memberViews(m, teamId), userId);
  }

  private assemble(team: { id: string; name: string }, rows: MemberOfTeam[], userId: string): TeamView {
    const members: TeamMemberView[] = rows.map((r) => ({
      userId: r.userId,
      email: r.email,
      name: r.name,
      role: r.role,
      joinedAt: r.joinedAt,
    }));
    const role = members.find((member) => member.userId === userId)?.role ?? 'member';
    return { id: team.id, name: team.name, role, members };
  }
}
