import { RefreshTokenEntity } from '../../auth/refresh-token.entity';
import { EventEntity, EventHeadEntity, EventRecipientEntity, TeamMembershipSpanEntity } from '../../event-log/event.entity';
import { TaskShareEntity } from '../../shares/task-share.entity';
import { TaskEntity } from '../../tasks/task.entity';
import { TeamMemberEntity } from '../../teams/team-member.entity';
import { TeamEntity } from '../../teams/team.entity';
import { UserEntity } from '../../users/user.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { CostFollowsTheUser1765000000000 } from './migrations/1765000000000-cost-follows-the-user';
import { WorkingTogether1767000000000 } from './migrations/1767000000000-working-together';

export const entities = [
  UserEntity,
  RefreshTokenEntity,
  TaskEntity,
  TaskShareEntity,
  TeamEntity,
  TeamMemberEntity,
  EventHeadEntity,
  EventEntity,
  EventRecipientEntity,
  TeamMembershipSpanEntity,
];

export const migrations = [InitialSchema1764000000000, CostFollowsTheUser1765000000000, WorkingTogether1767000000000];
