/** `GET /api/dashboard/stats`. */

export interface TeamStats {
  teamId: string;
  name: string;
  total: number;
  completed: number;
}

export interface DashboardStats {
  total: number;
  pending: number;
  inProgress: number;
  completed: number;
  /** Pending or in progress, assigned to the caller. */
  assignedToMe: number;
  overdue: number;
  dueToday: number;
  completedThisWeek: number;
  sharedWithMe: number;
  sharedByMe: number;
  /** completed / total, a fraction from 0 to 1. */
  completionRate: number;
  teams: TeamStats[];
  seq: number;
}
