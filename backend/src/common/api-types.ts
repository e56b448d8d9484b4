/**
 * The REST answers of `/api`, as types only: the one definition shared by the backend, the Angular client
 * (`@taskpulse/api-types`) and the e2e suites. Socket messages live in `realtime/protocol.ts`.
 */
import type { SharePermission, TaskDto, TeamRole } from '../realtime/protocol';

export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthSession {
  user: PublicUser;
  access_token: string;
  refresh_token: string;
  /** Lifetime of the access token in seconds. */
  expires_in: number;
}

export interface TaskPage {
  items: TaskDto[];
  next_cursor: string | null;
  /** Event-log head at the moment of the read. */
  seq: number;
}

export interface ShareView {
  userId: string;
  email: string;
  name: string;
  permission: SharePermission;
  sharedAt: string;
}

export interface TeamMemberView {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  joinedAt: string;
}

export interface TeamView {
  id: string;
  name: string;
  /** The caller's role. */
  role: TeamRole;
  members: TeamMemberView[];
}

export interface TeamStats {
  teamId: string;
  name: string;
  total: number;
  completed: number;
}

export interface DashboardStats {
  total: number;
  pending: number;
  completed: number;
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

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** Present on a 409 for a stale `version`: the current task. */
  task?: TaskDto;
}
