/**
 * REST shapes of /api under the names this app uses. They come from the backend's single definition
 * (@taskpulse/contract), as do the socket shapes; shapes only a feature has (queries, drafts) live in that feature.
 */
import type { AuthSession, PublicUser, ShareView, TeamMemberView, TeamStats, TeamView } from '@taskpulse/contract';

export type { ApiErrorBody, DashboardStats, TaskPage } from '@taskpulse/contract';
export type User = PublicUser;
export type AuthResponse = AuthSession;
export type TaskShare = ShareView;
export type TeamMember = TeamMemberView;
export type Team = TeamView;
export type TeamProgress = TeamStats;
