import { Injectable } from '@nestjs/common';
import { type StatsClock, VisibleTasksRepository } from '../access/visible-tasks.repository';
import type { Statement } from '../platform/database/sql-database';

export type { StatsClock };

type Count = number | string | null;

export interface TaskTotals {
  total: Count;
  pending: Count;
  in_progress: Count;
  completed: Count;
  assigned_to_me: Count;
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

/** The dashboard's aggregates over the caller's visible tasks, each set read by its own index. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly visible: VisibleTasksRepository) {}

  statements(userId: string, clock: StatsClock): Statement[] {
    return [this.visible.figuresStatement(userId, clock), this.visible.teamFiguresStatement(userId)];
  }
}
