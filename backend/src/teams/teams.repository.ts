import { Injectable } from '@nestjs/common';
import type { TeamRole } from '@taskpulse/contract';
import { taskColumns, toTaskEntity, type VisibleTaskRow } from '../access/access.repository';
import type { Queryable, Row, Sql, Statement } from '../platform/database/sql-database';
import type { TaskEntity } from '../tasks/task.entity';
import type { TeamMemberView } from './dto/team.dto';

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

const memberColumns = `SELECT tm.team_id, tm.user_id, u.email, u.name, tm.role, tm.joined_at FROM team_members tm
  JOIN users u ON u.id = tm.user_id`;

/** Every statement on `teams` and `team_members` (but the ones that decide access, in AccessRepository). */
@Injectable()
export class TeamsRepository {
  async insertTeam(tx: Sql, team: { id: string; name: string; createdBy: string; createdAt: string }): Promise<void> {
    await tx.query('INSERT INTO teams (id, name, created_by, created_at) VALUES (:id, :name, :createdBy, :createdAt)', team);
  }

  /** The team, locked until the transaction ends: membership changes of one team take turns. */
  async lockTeam(tx: Sql, id: string): Promise<{ id: string; name: string } | null> {
    const [row] = await tx.query<{ id: string; name: string }>(`SELECT id, name FROM teams WHERE id = :id${tx.lock('update')}`, { id });
    return row ?? null;
  }

  async members(tx: Sql, teamId: string): Promise<Array<{ userId: string; role: TeamRole }>> {
    const rows = await tx.query<{ user_id: string; role: TeamRole }>('SELECT user_id, role FROM team_members WHERE team_id = :teamId', {
      teamId,
    });
    return rows.map((row) => ({ userId: row.user_id, role: row.role }));
  }

  async insertMember(tx: Sql, member: { teamId: string; userId: string; role: TeamRole; joinedAt: string }): Promise<void> {
    await tx.query('INSERT INTO team_members (team_id, user_id, role, joined_at) VALUES (:teamId, :userId, :role, :joinedAt)', member);
  }

  async rename(tx: Sql, id: string, name: string): Promise<void> {
    await tx.query('UPDATE teams SET name = :name WHERE id = :id', { id, name });
  }

  async deleteTeam(tx: Sql, id: string): Promise<void> {
    await tx.query('DELETE FROM teams WHERE id = :id', { id });
  }

  /** The team's tasks (not those in the trash), locked until the transaction ends, oldest first (by the team's index). */
  async lockTasksOf(tx: Sql, teamId: string): Promise<TaskEntity[]> {
    const rows = await tx.query<VisibleTaskRow>(
      `SELECT ${taskColumns} FROM tasks t WHERE t.team_id = :teamId AND t.deleted_at IS NULL ORDER BY t.created_at, t.id${tx.lock('update')}`,
      { teamId },
    );
    return rows.map(toTaskEntity);
  }

  /** The team's tasks in the trash leave it quietly (nobody sees them): a restore brings them back as personal tasks. */
  async detachTrashedTasks(tx: Sql, teamId: string): Promise<void> {
    await tx.query('UPDATE tasks SET team_id = NULL WHERE team_id = :teamId AND deleted_at IS NOT NULL', { teamId });
  }

  /** The tasks become their owners' personal tasks. */
  async makePersonal(tx: Sql, task: Pick<TaskEntity, 'id' | 'updatedAt' | 'version'>): Promise<void> {
    await tx.query('UPDATE tasks SET team_id = NULL, updated_at = :updatedAt, version = :version WHERE id = :id', task);
  }

  async setRole(tx: Sql, teamId: string, userId: string, role: TeamRole): Promise<void> {
    await tx.query('UPDATE team_members SET role = :role WHERE team_id = :teamId AND user_id = :userId', { teamId, userId, role });
  }

  async deleteMember(tx: Sql, teamId: string, userId: string): Promise<void> {
    await tx.query('DELETE FROM team_members WHERE team_id = :teamId AND user_id = :userId', { teamId, userId });
  }

  /** The members of one team, as listed, first joined first. */
  async memberViews(db: Queryable, teamId: string): Promise<MemberOfTeam[]> {
    return this.toMembers(await db.query(`${memberColumns} WHERE tm.team_id = :teamId ORDER BY tm.joined_at, u.email`, { teamId }));
  }

  /** The teams `userId` belongs to, by name. */
  teamsOfStatement(userId: string): Statement {
    return {
      sql: 'SELECT id, name FROM teams WHERE id IN (SELECT team_id FROM team_members WHERE user_id = :userId) ORDER BY name, id',
      params: { userId },
    };
  }

  /** The members of every team `userId` belongs to, as listed. */
  membersOfTeamsOfStatement(userId: string): Statement {
    return {
      sql: `${memberColumns} WHERE tm.team_id IN (SELECT team_id FROM team_members WHERE user_id = :userId) ORDER BY tm.joined_at, u.email`,
      params: { userId },
    };
  }

  toMembers(rows: Row[]): MemberOfTeam[] {
    return (rows as unknown as MemberRow[]).map((r) => ({
      teamId: r.team_id,
      userId: r.user_id,
      email: r.email,
      name: r.name,
      role: r.role,
      joinedAt: r.joined_at,
    }));
  }
}
