import { Injectable } from '@nestjs/common';
import type { DashboardStats } from '@taskpulse/contract';
import { EventLogService } from '../event-log/event-log.service';
import { DashboardRepository, type TaskTotals, type TeamTotals } from './dashboard.repository';

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
    private readonly repository: DashboardRepository,
    private readonly log: EventLogService,
  ) {}

  async stats(userId: string, now = new Date()): Promise<DashboardStats> {
    const clock = { now: now.toISOString(), ...dayBounds(now) };
    const { results, head: seq } = await this.log.readWithHead(this.repository.statements(userId, clock));
    const totals = results[0][0] as unknown as TaskTotals;
    const teams = results[1] as unknown as TeamTotals[];
    const n = (value: unknown) => Number(value ?? 0);
    const total = n(totals.total);
    const completed = n(totals.completed);
    return {
      total,
      pending: n(totals.pending),
      inProgress: n(totals.in_progress),
      completed,
      assignedToMe: n(totals.assigned_to_me),
      overdue: n(totals.overdue),
      dueToday: n(totals.due_today),
      completedThisWeek: n(totals.completed_this_week),
      sharedWithMe: n(totals.shared_with_me),
      sharedByMe: n(totals.shared_by_me),
      completionRate: total === 0 ? 0 : Math.round((completed / total) * 10_000) / 10_000,
      teams: teams.map((t) => ({ teamId: t.team_id, name: t.name, total: n(t.total), completed: n(t.completed) })),
      seq,
    };
  }
}
