import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { UserEntity } from '../auth/user.entity';
import { EventEntity, EventHeadEntity, EventRecipientEntity } from '../events/event.entity';
import { TaskShareEntity } from '../sharing/task-share.entity';
import { TeamMemberEntity } from '../sharing/team-member.entity';
import { TeamEntity } from '../sharing/team.entity';
import { TaskEntity } from '../tasks/task.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';

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
];

export const migrations = [InitialSchema1764000000000];
