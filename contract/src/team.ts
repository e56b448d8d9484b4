/** Teams and their members. */

export type TeamRole = 'admin' | 'member';
export const teamRoles: readonly TeamRole[] = ['admin', 'member'];

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
