import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { visibleTasksFrom } from '../access/access.repository';
import { query } from '../platform/database/query';

/** The instants the figures are counted against (ISO, UTC). */
export interface StatsClock {
  now: string;
  todayStart: string;
  tomorrowStart: string;
  weekStart: string;
}

type Count = number | string | null;

export interface TaskTotals {
  total: Count;
  pending: Count;
  completed: Count;
  overdue: Count;
  due_today: Count;
  completed_this_week: Count;
  shared_with_me: Count;
  shared_by_me: Count;
}

export interface TeamTotals {
  team_id: string;
  name: string;
  total: Count;
  completed: Count;
}

/** The dashboard's aggregates: each one SQL statement over the caller's visible tasks, nothing loaded into memory. */
@Injectable()
export class DashboardRepository {
  async taskTotals(m: EntityManager, userId: string, clock: StatsClock): Promise<TaskTotals> {
    const [totals] = await query<TaskTotals>(
      m,
      `SELECT COUNT(*) AS total,
         SUM(CASE WHEN t.status = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN t.status = 'completed' THEN 1 ELSE 0 END) AS completed,
         SUM(CASE WHEN t.status = 'pending' AND t.due_date < :now THEN 1 ELSE 0 END) AS overdue,
         SUM(CASE WHEN t.status = 'pending' AND t.due_date >= :todayStart AND t.due_date < :tomorrowStart THEN 1 ELSE 0 END) AS due_today,
         SUM(CASE WHEN t.completed_at >= :weekStart THEN 1 ELSE 0 END) AS completed_this_week,
         SUM(CASE WHEN s.user_id IS NOT NULL AND t.owner_id <> :userId THEN 1 ELSE 0 END) AS shared_with_me,
         SUM(CASE WHEN t.owner_id = :userId AND EXISTS (SELECT 1 FROM task_shares x WHERE x.task_id = t.id) THEN 1 ELSE 0 END) AS shared_by_me
       ${visibleTasksFrom}`,
      { userId, ...clock },
    );
    return totals;
  }

  /** Per team of the caller: its tasks and how many are completed, by team name. */
  teamTotals(m: EntityManager, userId: string): Promise<TeamTotals[]> {
    return query<TeamTotals>(
      m,
      `SELECT te.id AS team_id, te.name, COUNT(t.id) AS total,
         SUM(CASE WHEN t.status = 'completed' THEN 1 ELSE 0 END) AS completed
       FROM team_members me JOIN teams te ON te.id = me.team_id LEFT JOIN tasks t ON t.team_id = te.id
       WHERE me.user_id = :userId GROUP BY te.id, te.name ORDER BY te.name, te.id`,
      { userId },
    );
  }
}
