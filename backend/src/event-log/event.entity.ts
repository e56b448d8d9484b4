import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LoggedEventType, TaskPermission } from '@taskpulse/contract';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** The single counter row whose bump, inside every mutation's transaction, hands out the gapless seq. */
@Entity('event_head')
export class EventHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;
}

@Entity('events')
export class EventEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  type: LoggedEventType;

  @Column({ name: 'task_id', type: 'varchar', length: 36, nullable: true })
  taskId: string | null;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'actor_id', type: 'varchar', length: 36 })
  actorId: string;

  @Column({ name: 'mutation_id', type: 'varchar', length: 64, nullable: true })
  mutationId: string | null;

  /** JSON: `{task}` (snapshot without permission, or null) for task events, `{member_id, role}` for team events. */
  @Column({ type: 'text' })
  payload: string;

  @Index()
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;
}

/**
 * Who receives an event: a user, or a team (one row for all its members, who receive it for the seqs they held the
 * membership; see TeamMembershipSpanEntity), with the permission on the task after the change (null: lost access).
 */
@Entity('event_recipients')
@Index('idx_event_recipients_seq', ['seq'])
export class EventRecipientEntity {
  @PrimaryColumn({ type: 'varchar', length: 4 })
  kind: 'user' | 'team';

  @PrimaryColumn({ name: 'principal_id', type: 'varchar', length: 36 })
  principalId: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq: number;

  @Column({ type: 'varchar', length: 5, nullable: true })
  permission: TaskPermission | null;
}

/**
 * The seqs a user held a team membership for: from the seq of the event that added them to the one that removed
 * them, both included (`to_seq` NULL while current). Replay gives a member the team's events in that range only.
 */
@Entity('team_membership_spans')
@Index('idx_membership_spans_user', ['userId', 'toSeq'])
export class TeamMembershipSpanEntity {
  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @PrimaryColumn({ name: 'from_seq', type: 'bigint', transformer: bigintAsNumber })
  fromSeq: number;

  @Column({ name: 'to_seq', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  toSeq: number | null;
}
