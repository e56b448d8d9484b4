import type { TaskSnapshot } from '../event-log/event-log-entry';
import type { TaskDto, TaskPermission } from '@taskpulse/contract';
import type { TaskEntity } from './task.entity';

export function toSnapshot(task: TaskEntity): TaskSnapshot {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    dueDate: task.dueDate,
    ownerId: task.ownerId,
    teamId: task.teamId,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    completedAt: task.completedAt,
    version: task.version,
    assigneeIds: task.assigneeIds,
    labels: task.labels,
    checklist: task.checklist,
    position: task.position,
    commentCount: task.commentCount,
  };
}

export function toTaskDto(task: TaskEntity, permission: TaskPermission): TaskDto {
  return { ...toSnapshot(task), permission };
}
