import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { query, UnitOfWork } from '../database/unit-of-work';
import { TeamMembershipChangedEvent } from '../events/domain-events';
import type { EventLogEntry } from '../events/event-log-entry';
import { EventLogService } from '../events/event-log.service';
import type { TeamEventType, TeamRole } from '@taskpulse/contract';
import { AddMemberDto, type TeamMemberView, type TeamView } from './dto/sharing.dto';
import { TeamMemberEntity } from './team-member.entity';
import { TeamEntity } from './team.entity';

interface MemberRow {
  team_id: string;
  user_id: string;
  email: string;
  name: string;
  role: TeamRole;
  joined_at: string;
}

@Injectable()
export class TeamsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly log: EventLogService,
    private readonly emitter: EventEmitter2,
  ) {}

  /** The creator becomes the first admin; the membership is logged so the creator's other screens learn of it. */
  async create(userId: string, name: string, mutationId: string | null): Promise<TeamView> {
    const { team, entry } = await this.uow.write(async (m) => {
      const now = new Date().toISOString();
      const id = randomUUID();
      await m.insert(TeamEntity, { id, name, createdBy: userId, createdAt: now });
      await m.insert(TeamMemberEntity, { teamId: id, userId, role: 'admin', joinedAt: now });
      const entry = await this.recordMembership(m, 'team_member_added', id, userId, 'admin', [], userId, mutationId);
      return { team: await this.view(m, id, userId), entry };
    });
    this.emitter.emit(TeamMembershipChangedEvent.eventName, new TeamMembershipChangedEvent(entry));
    return team;
  }

  list(userId: string): Promise<TeamView[]> {
    return this.uow.read(async (m) => {
      const rows = await this.memberRows(m, 'team_id IN (SELECT team_id FROM team_members WHERE user_id = :userId)', { userId });
      const teams = await query<{ id: string; name: string }>(
        m,
        'SELECT id, name FROM teams WHERE id IN (SELECT team_id FROM team_members WHERE user_id = :userId) ORDER BY name, id',
        { userId },
      );
      return teams.map((team) => this.assemble(team, rows.filter((r) => r.team_id === team.id), userId));
    });
  }

  /** Admins only. Adding someone already in the team sets their role. */
  async addMember(userId: string, teamId: string, dto: AddMemberDto, mutationId: string | null): Promise<TeamView> {
    const outcome = await this.uow.write(async (m) => {
      const members = await this.requireAdmin(m, teamId, userId);
      const target = await m.findOneBy(UserEntity, { email: dto.email });
      if (!target) throw new NotFoundException('No user with this email');
      const current = members.find((member) => member.userId === target.id);
      if (current?.role === dto.role) return { team: await this.view(m, teamId, userId), entry: null };
      if (current) {
        if (dto.role === 'member') this.keepAnAdmin(members, target.id);
        await m.update(TeamMemberEntity, { teamId, userId: target.id }, { role: dto.role });
      } else {
        await m.insert(TeamMemberEntity, { teamId, userId: target.id, role: dto.role, joinedAt: new Date().toISOString() });
      }
      const audience = [...members.map((member) => member.userId), target.id];
      const entry = await this.recordMembership(m, 'team_member_added', teamId, target.id, dto.role, audience, userId, mutationId);
      return { team: await this.view(m, teamId, userId), entry };
    });
    if (outcome.entry) this.emitter.emit(TeamMembershipChangedEvent.eventName, new TeamMembershipChangedEvent(outcome.entry));
    return outcome.team;
  }

  /** Admins remove anyone; any member may leave. */
  async removeMember(userId: string, teamId: string, targetId: string, mutationId: string | null): Promise<void> {
    const entry = await this.uow.write(async (m) => {
      const members = await this.membersOf(m, teamId);
      const me = members.find((member) => member.userId === userId);
      if (!me) throw new NotFoundException('Team not found');
      if (targetId !== userId && me.role !== 'admin') throw new ForbiddenException('Only team admins can remove members');
      const target = members.find((member) => member.userId === targetId);
      if (!target) throw new NotFoundException('Member not found');
      if (target.role === 'admin') this.keepAnAdmin(members, targetId);
      await m.delete(TeamMemberEntity, { teamId, userId: targetId });
      const audience = members.map((member) => member.userId);
      return this.recordMembership(m, 'team_member_removed', teamId, targetId, null, audience, userId, mutationId);
    });
    this.emitter.emit(TeamMembershipChangedEvent.eventName, new TeamMembershipChangedEvent(entry));
  }

  private keepAnAdmin(members: TeamMemberEntity[], leavingId: string): void {
    const others = members.filter((member) => member.userId !== leavingId);
    if (others.length > 0 && !others.some((member) => member.role === 'admin')) {
      throw new ConflictException('A team needs an admin: make someone else admin first');
    }
  }

  private async requireAdmin(m: EntityManager, teamId: string, userId: string): Promise<TeamMemberEntity[]> {
    const members = await this.membersOf(m, teamId);
    const me = members.find((member) => member.userId === userId);
    if (!me) throw new NotFoundException('Team not found');
    if (me.role !== 'admin') throw new ForbiddenException('Only team admins can add members');
    return members;
  }

  private membersOf(m: EntityManager, teamId: string): Promise<TeamMemberEntity[]> {
    return m.findBy(TeamMemberEntity, { teamId });
  }

  private recordMembership(
    m: EntityManager,
    type: TeamEventType,
    teamId: string,
    memberId: string,
    role: TeamRole | null,
    audience: string[],
    actorId: string,
    mutationId: string | null,
  ): Promise<EventLogEntry> {
    const recipients = [...new Set([...audience, memberId])].map((id) => ({ userId: id, permission: null }));
    return this.log.appendInTransaction(m, {
      type,
      actorId,
      taskId: null,
      teamId,
      mutationId,
      task: null,
      member: { userId: memberId, role },
      recipients,
    });
  }

  private async view(m: EntityManager, teamId: string, userId: string): Promise<TeamView> {
    const team = await m.findOneByOrFail(TeamEntity, { id: teamId });
    return this.assemble(team, await this.memberRows(m, 'team_id = :teamId', { teamId }), userId);
  }

  private memberRows(m: EntityManager, where: string, params: Record<string, unknown>): Promise<MemberRow[]> {
    return query<MemberRow>(
      m,
      `SELECT tm.team_id, tm.user_id, u.email, u.name, tm.role, tm.joined_at FROM team_members tm
       JOIN users u ON u.id = tm.user_id WHERE tm.${where} ORDER BY tm.joined_at, u.email`,
      params,
    );
  }

  private assemble(team: { id: string; name: string }, rows: MemberRow[], userId: string): TeamView {
    const members: TeamMemberView[] = rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role, joinedAt: r.joined_at }));
    const role = members.find((member) => member.userId === userId)?.role ?? 'member';
    return { id: team.id, name: team.name, role, members };
  }
}
