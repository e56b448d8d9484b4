import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TeamRole } from '@taskpulse/contract';
import { EventLogService } from '../event-log/event-log.service';
import { type Queryable, type Sql, SqlDatabase } from '../platform/database/sql-database';
import { UsersRepository } from '../users/users.repository';
import { AddMemberDto, type TeamMemberView, type TeamView } from './dto/team.dto';
import { type MemberOfTeam, TeamsRepository } from './teams.repository';

type Member = { userId: string; role: TeamRole };

@Injectable()
export class TeamsService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: TeamsRepository,
    private readonly users: UsersRepository,
    private readonly log: EventLogService,
  ) {}

  /** The creator becomes the first admin; the membership is logged so the creator's other screens learn of it. */
  async create(userId: string, name: string, mutationId: string | null): Promise<TeamView> {
    return this.log.write(async ({ tx, record }) => {
      const now = new Date().toISOString();
      const id = randomUUID();
      await this.repository.insertTeam(tx, { id, name, createdBy: userId, createdAt: now });
      await this.repository.insertMember(tx, { teamId: id, userId, role: 'admin', joinedAt: now });
      record({ type: 'team_member_added', actorId: userId, teamId: id, member: { userId, role: 'admin' }, mutationId });
      return this.view(tx, { id, name }, userId);
    });
  }

  async list(userId: string): Promise<TeamView[]> {
    const [teamRows, memberRows] = await this.db.read([
      this.repository.teamsOfStatement(userId),
      this.repository.membersOfTeamsOfStatement(userId),
    ]);
    const members = this.repository.toMembers(memberRows);
    return (teamRows as Array<{ id: string; name: string }>).map((team) =>
      this.assemble(
        team,
        members.filter((member) => member.teamId === team.id),
        userId,
      ),
    );
  }

  /** Admins only. Adding someone already in the team sets their role. */
  async addMember(userId: string, teamId: string, dto: AddMemberDto, mutationId: string | null): Promise<TeamView> {
    return this.log.write(async ({ tx, record }) => {
      const { team, members } = await this.requireAdmin(tx, teamId, userId);
      const target = await this.users.findByEmail(tx, dto.email);
      if (!target) throw new NotFoundException('No user with this email');
      const current = members.find((member) => member.userId === target.id);
      if (current?.role === dto.role) return this.view(tx, team, userId);
      if (current) {
        if (dto.role === 'member') this.keepAnAdmin(members, target.id);
        await this.repository.setRole(tx, teamId, target.id, dto.role);
      } else {
        await this.repository.insertMember(tx, { teamId, userId: target.id, role: dto.role, joinedAt: new Date().toISOString() });
      }
      record({ type: 'team_member_added', actorId: userId, teamId, member: { userId: target.id, role: dto.role }, mutationId });
      return this.view(tx, team, userId);
    });
  }

  /** Admins remove anyone; any member may leave. */
  async removeMember(userId: string, teamId: string, targetId: string, mutationId: string | null): Promise<void> {
    await this.log.write(async ({ tx, record }) => {
      const members = (await this.repository.lockTeam(tx, teamId)) ? await this.repository.members(tx, teamId) : [];
      const me = members.find((member) => member.userId === userId);
      if (!me) throw new NotFoundException('Team not found');
      if (targetId !== userId && me.role !== 'admin') throw new ForbiddenException('Only team admins can remove members');
      const target = members.find((member) => member.userId === targetId);
      if (!target) throw new NotFoundException('Member not found');
      if (target.role === 'admin') this.keepAnAdmin(members, targetId);
      await this.repository.deleteMember(tx, teamId, targetId);
      record({ type: 'team_member_removed', actorId: userId, teamId, member: { userId: targetId, role: null }, mutationId });
    });
  }

  private keepAnAdmin(members: Member[], leavingId: string): void {
    const others = members.filter((member) => member.userId !== leavingId);
    if (others.length > 0 && !others.some((member) => member.role === 'admin')) {
      throw new ConflictException('A team needs an admin: make someone else admin first');
    }
  }

  /** Locks the team for the change and checks the caller is one of its admins. */
  private async requireAdmin(tx: Sql, teamId: string, userId: string): Promise<{ team: { id: string; name: string }; members: Member[] }> {
    const team = await this.repository.lockTeam(tx, teamId);
    const members = team ? await this.repository.members(tx, teamId) : [];
    const me = members.find((member) => member.userId === userId);
    if (!team || !me) throw new NotFoundException('Team not found');
    if (me.role !== 'admin') throw new ForbiddenException('Only team admins can add members');
    return { team, members };
  }

  private async view(db: Queryable, team: { id: string; name: string }, userId: string): Promise<TeamView> {
    return this.assemble(team, await this.repository.memberViews(db, team.id), userId);
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
