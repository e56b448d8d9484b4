import { ChangeDetectionStrategy, Component, OnInit, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { TaskDto, TaskPriority } from '@taskpulse/contract';
import type { TaskChanges } from '../data/task.types';
import { errorMessage } from '../../../core/api/http-errors';
import { TeamsStore } from '../../teams';
import { StaleTaskError, TaskStore } from '../data/task-store';
import { dueDateFromInput, dueDateToInput } from '../data/task-format';

/**
 * Inline edit. Saves against the version the edit started from, so a concurrent change is a 409
 * ("Changed by someone else") and the fresh version is loaded into the form instead of being overwritten.
 */
@Component({
  selector: 'tp-task-edit-form',
  imports: [ReactiveFormsModule],
  templateUrl: './task-edit-form.component.html',
  styleUrl: '../task-forms.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskEditFormComponent implements OnInit {
  private readonly store = inject(TaskStore);

  readonly task = input.required<TaskDto>();
  readonly canReteam = input(false);
  readonly done = output<void>();

  private readonly base = signal<TaskDto | null>(null);
  protected readonly teams = inject(TeamsStore).teams;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly conflict = signal(false);
  protected readonly changedMeanwhile = computed(() => {
    const base = this.base();
    return !!base && this.task().version > base.version && !this.conflict();
  });
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(10000)] }),
    priority: new FormControl<TaskPriority>('medium', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
  });

  ngOnInit(): void {
    this.load(this.task());
  }

  protected save(): void {
    const base = this.base();
    const value = this.form.getRawValue();
    if (!base || !value.title.trim() || this.form.invalid) {
      this.error.set(value.title.trim() ? 'The description is too long (10,000 characters at most).' : 'The title cannot be empty.');
      return;
    }
    const changes = this.changesFrom(base);
    if (Object.keys(changes).length === 0) {
      this.done.emit();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.conflict.set(false);
    this.store.update(base, changes).subscribe({
      next: () => this.done.emit(),
      error: (error: unknown) => {
        this.busy.set(false);
        if (error instanceof StaleTaskError) {
          this.load(error.current);
          this.conflict.set(true);
        } else {
          this.error.set(errorMessage(error, 'Could not save the task.'));
        }
      },
    });
  }

  private load(task: TaskDto): void {
    this.base.set(task);
    this.form.reset({
      title: task.title,
      description: task.description,
      priority: task.priority,
      dueDate: dueDateToInput(task.dueDate),
      teamId: task.teamId ?? '',
    });
  }

  private changesFrom(base: TaskDto): TaskChanges {
    const value = this.form.getRawValue();
    const changes: TaskChanges = {};
    if (value.title.trim() !== base.title) changes.title = value.title.trim();
    if (value.description !== base.description) changes.description = value.description;
    if (value.priority !== base.priority) changes.priority = value.priority;
    if (value.dueDate !== dueDateToInput(base.dueDate)) changes.dueDate = dueDateFromInput(value.dueDate);
    if (this.canReteam() && (value.teamId || null) !== base.teamId) changes.teamId = value.teamId || null;
    return changes;
  }
}
