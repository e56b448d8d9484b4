/**
 * REST shapes of /api: the answers come from the backend's single definition (@taskpulse/contract), under the
 * names this app uses; what only the client has (queries, drafts) is defined here. Socket shapes come from the same package.
 */
import type {
  AuthSession,
  PublicUser,
  ShareView,
  TeamMemberView,
  TeamStats,
  TeamView,
} from '@taskpulse/contract';
import type { TaskPriority, TaskStatus } from '@taskpulse/contract';

export type { ApiErrorBody, DashboardStats, TaskPage } from '@taskpulse/contract';
export type User = PublicUser;
export type AuthResponse = AuthSession;
export type TaskShare = ShareView;
export type TeamMember = TeamMemberView;
export type Team = TeamView;
export type TeamProgress = TeamStats;

export type TaskScope = 'all' | 'mine' | 'shared' | 'team';

export interface TaskQuery {
  scope: TaskScope;
  status: TaskStatus | '';
  q: string;
  teamId: string | null;
}

export interface TaskDraft {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string | null;
  teamId: string | null;
}

export type TaskChanges = Partial<TaskDraft & { status: TaskStatus }>;

