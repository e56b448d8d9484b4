import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TeamRole } from '@taskpulse/contract';
import { AccessService } from '../access/access.service';
import { audienceAfterEdit, taskChangeRecipients } from '../access/audience';
import { type Change, EventLogService } from '../event-log/event-log.service';
import { NotificationsService } from '../notifications/notifications.service';
import { toSnapshot } from '../tasks/task.mapper';
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
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
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
    return this.log.write(async (change) => {
      const { tx, record } = change;
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
      if (!current) await this.notifications.notify(change, [target.id], { kind: 'added_to_team', actorId: userId, teamId, mutationId });
      return this.view(tx, team, userId);
    });
  }

  /** Admins rename; the team's members hear `team_updated`. */
  async rename(userId: string, teamId: string, name: string, mutationId: string | null): Promise<TeamView> {
    return this.log.write(async ({ tx, record }) => {
      const { team } = await this.requireAdmin(tx, teamId, userId, 'Only team admins can rename the team');
      if (team.name === name) return this.view(tx, team, userId);
      await this.repository.rename(tx, teamId, name);
      record({
        type: 'team_updated',
        actorId: userId,
        taskId: null,
        teamId,
        mutationId,
        detail: { kind: 'team', name },
        recipients: [{ kind: 'team', id: teamId, permission: null }],
      });
      return this.view(tx, { id: teamId, name }, userId);
    });
  }

  /** Admins delete a team: its tasks become their owners' personal tasks, then every member is removed. */
  async remove(userId: string, teamId: string, mutationId: string | null): Promise<void> {
    await this.log.write(async (change) => {
      const { members } = await this.requireAdmin(change.tx, teamId, userId, 'Only team admins can delete the team');
      await this.dissolve(change, teamId, members, userId, mutationId);
    });
  }

  /** Admins remove anyone; any member may leave. The last one out takes the team with them. */
  async removeMember(userId: string, teamId: string, targetId: string, mutationId: string | null): Promise<void> {
    await this.log.write(async (change) => {
      const { tx, record } = change;
      const members = (await this.repository.lockTeam(tx, teamId)) ? await this.repository.members(tx, teamId) : [];
      const me = members.find((member) => member.userId === userId);
      if (!me) throw new NotFoundException('Team not found');
      if (targetId !== userId && me.role !== 'admin') throw new ForbiddenException('Only team admins can remove members');
      const target = members.find((member) => member.userId === targetId);
      if (!target) throw new NotFoundException('Member not found');
      if (target.role === 'admin') this.keepAnAdmin(members, targetId);
      if (members.length === 1) return this.dissolve(change, teamId, members, userId, mutationId);
      await this.repository.deleteMember(tx, teamId, targetId);
      record({ type: 'team_member_removed', actorId: userId, teamId, member: { userId: targetId, role: null }, mutationId });
    });
  }

  /**
   * Ends a team: each of its tasks becomes its owner's personal task (`task_updated` to its audience before: the
   * owner and share recipients get it with `teamId: null`, the team's members who lose it get `task: null`), then
   * `team_member_removed` for every member, then the team goes. One transaction: nobody sees half of it.
   */
  private async dissolve(
    { tx, record }: Change,
    teamId: string,
    members: Member[],
    actorId: string,
    mutationId: string | null,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.repository.detachTrashedTasks(tx, teamId);
    for (const task of await this.repository.lockTasksOf(tx, teamId)) {
      const before = await this.access.audienceOf(tx, task);
      const updated = { ...task, teamId: null, updatedAt: now, version: task.version + 1 };
      await this.repository.makePersonal(tx, updated);
      record({
        type: 'task_updated',
        actorId,
        taskId: task.id,
        teamId: null,
        task: toSnapshot(updated),
        mutationId,
        recipients: taskChangeRecipients(before, audienceAfterEdit(before, updated)),
        history: { teamId: [teamId, null] },
      });
    }
    // Each removal reaches the members of its moment: the actor goes last, so the actor's screens see every one.
    const leaving = [...members.filter((m) => m.userId !== actorId), ...members.filter((m) => m.userId === actorId)];
    for (const member of leaving) {
      await this.repository.deleteMember(tx, teamId, member.userId);
      record({ type: 'team_member_removed', actorId, teamId, member: { userId: member.userId, role: null }, mutationId });
    }
    await this.repository.deleteTeam(tx, teamId);
  }

  private keepAnAdmin(members: Member[], leavingId: string): void {
    const others = members.filter((member) => member.userId !== leavingId);
    if (others.length > 0 && !others.some((member) => member.role === 'admin')) {
      throw new ConflictException('A team needs an admin: make someone else admin first');
    }
  }

  /** Locks the team for the change and checks the caller is one of its admins. */
  private async requireAdmin(
    tx: Sql,
    teamId: string,
    userId: string,
    refusal = 'Only team admins can add members',
  ): Promise<{ team: { id: string; name: string }; members: Member[] }> {
    const team = await this.repository.lockTeam(tx, teamId);
    const members = team ? await this.repository.members(tx, teamId) : [];
    const me = members.find((member) => member.userId === userId);
    if (!team || !me) throw new NotFoundException('Team not found');
    if (me.role !== 'admin') throw new ForbiddenException(refusal);
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
