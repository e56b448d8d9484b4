import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { TaskDto } from '@taskpulse/contract';
import { PeopleDirectory } from '../../people';
import { TeamsStore } from '../../teams';
import type { TaskConflict } from '../data/merge-conflicts';
import { PRIORITY_LABELS, formatDueDate } from '../data/task-format';
import { TaskSync } from '../data/task-sync';

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  priority: 'Priority',
  dueDate: 'Due date',
  teamId: 'Team',
  status: 'Status',
  assigneeIds: 'Assignees',
  labels: 'Labels',
  checklist: 'Checklist',
};

/** Fields both I and someone else changed: my value and theirs side by side, and a choice for each. */
@Component({
  selector: 'tp-merge-choice',
  templateUrl: './merge-choice.component.html',
  styleUrl: './merge-choice.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MergeChoiceComponent {
  private readonly sync = inject(TaskSync);
  private readonly teams = inject(TeamsStore);
  private readonly people = inject(PeopleDirectory);

  readonly task = input.required<TaskDto>();

  protected readonly conflicts = computed(() => this.sync.conflicts.byTask().get(this.task().id) ?? []);

  protected label(conflict: TaskConflict): string {
    return FIELD_LABELS[conflict.field] ?? conflict.field;
  }

  protected show(conflict: TaskConflict, value: unknown): string {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
      return conflict.field === 'teamId' ? 'No team' : '(empty)';
    }
    switch (conflict.field) {
      case 'priority':
        return PRIORITY_LABELS[value as TaskDto['priority']] ?? String(value);
      case 'dueDate':
        return formatDueDate(String(value));
      case 'status':
        return value === 'completed' ? 'Done' : value === 'in_progress' ? 'In progress' : 'Pending';
      case 'assigneeIds':
        return (value as string[]).map((id) => this.people.nameOf(id)).join(', ');
      case 'labels':
        return (value as string[]).join(', ');
      case 'checklist':
        return (value as TaskDto['checklist']).map((item) => `${item.done ? '☑' : '☐'} ${item.text}`).join('; ');
      case 'teamId':
        return this.teams.nameOf(String(value)) ?? 'Another team';
      default:
        return String(value);
    }
  }

  protected keep(conflict: TaskConflict, which: 'mine' | 'theirs'): void {
    this.sync.choose(conflict, which);
  }
}
