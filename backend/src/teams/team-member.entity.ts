import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TeamRole } from '@taskpulse/contract';

@Entity('team_members')
export class TeamMemberEntity {
  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  @Index()
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 6 })
  role: TeamRole;

  @Column({ name: 'joined_at', type: 'varchar', length: 24 })
  joinedAt: string;
}
