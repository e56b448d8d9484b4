/** REST shapes of /api (see shared/API.md and docs/api-notes.md). Socket shapes live in @taskpulse/protocol. */
import type {
  SharePermission,
  TaskDto,
  TaskPriority,
  TaskStatus,
  TeamRole,
} from '@taskpulse/protocol';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface AuthResponse {
  user?: User;
  access_token: string;
  refresh_token: string;
  /** Lifetime of the access token in seconds. */
  expires_in: number;
}

export type TaskScope = 'all' | 'mine' | 'shared' | 'team';

export interface TaskQuery {
  scope: TaskScope;
  status: TaskStatus | '';
  q: string;
  teamId: string | null;
}

export interface TaskPage {
  items: TaskDto[];
  next_cursor: string | null;
  /** Event-log head at the moment of the read. */
  seq: number;
}

export interface TaskDraft {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string | null;
  teamId: string | null;
}

export type TaskChanges = Partial<TaskDraft & { status: TaskStatus }>;

export interface TaskShare {
  userId: string;
  email: string;
  name: string;
  permission: SharePermission;
  sharedAt: string;
}

export interface TeamMember {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  joinedAt: string;
}

export interface Team {
  id: string;
  name: string;
  /** The caller's role. */
  role: TeamRole;
  members: TeamMember[];
}

export interface TeamProgress {
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
  teams: TeamProgress[];
  seq: number;
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** Present on a 409 for a stale `version`: the current task. */
  task?: TaskDto;
}
