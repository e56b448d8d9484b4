import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChecklistItem, TaskPriority, TaskStatus } from '@taskpulse/contract';

const json = { to: (value: unknown) => JSON.stringify(value), from: (value: string) => JSON.parse(value) as unknown };

/** Indexes (per visibility set) and the search index are defined by the migrations. */
@Entity('tasks')
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 12 })
  status: TaskStatus;

  @Column({ type: 'varchar', length: 6 })
  priority: TaskPriority;

  @Column({ name: 'due_date', type: 'varchar', length: 24, nullable: true })
  dueDate: string | null;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 24, nullable: true })
  completedAt: string | null;

  @Column({ type: 'integer' })
  version: number;

  /** JSON; task_assignees is its index by user. */
  @Column({ name: 'assignee_ids', type: 'text', transformer: json })
  assigneeIds: string[];

  /** JSON, in the order given; task_labels is its index (lower-case). */
  @Column({ type: 'text', transformer: json })
  labels: string[];

  @Column({ type: 'text', transformer: json })
  checklist: ChecklistItem[];

  /** The board's fractional order key (byte order). */
  @Column({ type: 'text' })
  position: string;

  @Column({ name: 'comment_count', type: 'integer' })
  commentCount: number;
}
