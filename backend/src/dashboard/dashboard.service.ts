import { Injectable } from '@nestjs/common';
import type { DashboardStats } from '@taskpulse/contract';
import { query, UnitOfWork } from '../database/unit-of-work';
import { EventLogService } from '../events/event-log.service';
import { visibleTasksFrom } from '../tasks/visible-tasks';

/** Midnight UTC today, midnight UTC tomorrow and Monday 00:00 UTC of this week. */
export function dayBounds(now: Date): { todayStart: string; tomorrowStart: string; weekStart: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return {
    todayStart: new Date(today).toISOString(),
    tomorrowStart: new Date(today + 86_400_000).toISOString(),
    weekStart: new Date(today - daysSinceMonday * 86_400_000).toISOString(),
  };
}

/** Every figure is one SQL aggregate over the caller's visible tasks; no task is loaded into memory. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly log: EventLogService,
  ) {}

  stats(userId: string, now = new Date()): Promise<DashboardStats> {
    const params = { userId, now: now.toISOString(), ...dayBounds(now) };
    return this.uow.read(async (m) => {
      const [totals] = await query<Record<string, number | string | null>>(
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
        params,
      );
      const teams = await query<{ team_id: string; name: string; total: number | string; completed: number | string | null }>(
        m,
        `SELECT te.id AS team_id, te.name, COUNT(t.id) AS total,
           SUM(CASE WHEN t.status = 'completed' THEN 1 ELSE 0 END) AS completed
         FROM team_members me JOIN teams te ON te.id = me.team_id LEFT JOIN tasks t ON t.team_id = te.id
         WHERE me.user_id = :userId GROUP BY te.id, te.name ORDER BY te.name, te.id`,
        { userId },
      );
      const seq = await this.log.head(m);
      const n = (value: unknown) => Number(value ?? 0);
      const total = n(totals.total);
      const completed = n(totals.completed);
      return {
        total,
        pending: n(totals.pending),
        completed,
        overdue: n(totals.overdue),
        dueToday: n(totals.due_today),
        completedThisWeek: n(totals.completed_this_week),
        sharedWithMe: n(totals.shared_with_me),
        sharedByMe: n(totals.shared_by_me),
        completionRate: total === 0 ? 0 : Math.round((completed / total) * 10_000) / 10_000,
        teams: teams.map((t) => ({ teamId: t.team_id, name: t.name, total: n(t.total), completed: n(t.completed) })),
        seq,
      };
    });
  }
}
