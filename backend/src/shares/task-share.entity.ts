import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SharePermission } from '@taskpulse/contract';

@Entity('task_shares')
export class TaskShareEntity {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 36 })
  taskId: string;

  @Index()
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 4 })
  permission: SharePermission;

  @Column({ name: 'shared_at', type: 'varchar', length: 24 })
  sharedAt: string;
}
