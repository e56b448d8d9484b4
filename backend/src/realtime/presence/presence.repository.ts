import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../platform/database/sql-database';

/** Who can see a task now: its owner, its share recipients, and (for the users asked about) its team's members. */
export interface TaskViewers {
  ownerId: string;
  teamId: string | null;
  shares: ReadonlySet<string>;
  /** Of the users asked about: those in the task's team. */
  members: ReadonlySet<string>;
  /** Names of the users asked about. */
  names: ReadonlyMap<string, string>;
}

export function canSee(viewers: TaskViewers, userId: string): boolean {
  return viewers.ownerId === userId || viewers.shares.has(userId) || viewers.members.has(userId);
}

/** The reads presence needs, each by primary key or an index on the task: never a list of a team's members. */
@Injectable()
export class PresenceRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Null when the task does not exist or is in the trash (nobody can see it). */
  async viewers(taskId: string, users: readonly string[]): Promise<TaskViewers | null> {
    const asked = users.length > 0 ? users : [''];
    const [tasks, shares, members, names] = await this.db.read([
      { sql: 'SELECT owner_id, team_id FROM tasks WHERE id = :taskId AND deleted_at IS NULL', params: { taskId } },
      { sql: 'SELECT user_id FROM task_shares WHERE task_id = :taskId', params: { taskId } },
      {
        sql: `SELECT tm.user_id FROM tasks t JOIN team_members tm ON tm.team_id = t.team_id
          WHERE t.id = :taskId AND tm.user_id IN (:...asked)`,
        params: { taskId, asked },
      },
      { sql: 'SELECT id, name FROM users WHERE id IN (:...asked)', params: { asked } },
    ]);
    if (tasks.length === 0) return null;
    return {
      ownerId: String(tasks[0].owner_id),
      teamId: tasks[0].team_id === null ? null : String(tasks[0].team_id),
      shares: new Set(shares.map((row) => String(row.user_id))),
      members: new Set(members.map((row) => String(row.user_id))),
      names: new Map(names.map((row) => [String(row.id), String(row.name)])),
    };
  }
}
