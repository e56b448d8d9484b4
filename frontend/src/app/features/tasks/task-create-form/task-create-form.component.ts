import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { TaskPriority } from '@taskpulse/contract';
import { errorMessage } from '../../../core/api/http-errors';
import { randomId } from '../../../core/api/random-id';
import { TeamsStore } from '../../teams';
import { TaskStore } from '../data/task-store';
import { dueDateFromInput } from '../data/task-format';

@Component({
  selector: 'tp-task-create-form',
  imports: [ReactiveFormsModule],
  templateUrl: './task-create-form.component.html',
  styleUrl: '../task-forms.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskCreateFormComponent {
  private readonly store = inject(TaskStore);
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');
  /** Kept until the create succeeds, so retrying after a lost answer cannot create a duplicate. */
  private pendingId: string | null = null;

  protected readonly teams = inject(TeamsStore).teams;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(10000)] }),
    priority: new FormControl<TaskPriority>('medium', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => (this.pendingId = null));
  }

  protected submit(): void {
    const value = this.form.getRawValue();
    if (!value.title.trim() || this.form.invalid) {
      this.error.set(value.title.trim() ? 'The description is too long (10,000 characters at most).' : 'Give the task a title.');
      this.titleInput().nativeElement.focus();
      return;
    }
    this.pendingId ??= randomId();
    this.busy.set(true);
    this.error.set(null);
    this.store
      .create(this.pendingId, {
        title: value.title.trim(),
        description: value.description.trim(),
        priority: value.priority,
        dueDate: dueDateFromInput(value.dueDate),
        teamId: value.teamId || null,
      })
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.form.reset({ priority: value.priority, teamId: value.teamId });
          this.pendingId = null;
          this.titleInput().nativeElement.focus();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.error.set(errorMessage(error, 'Could not add the task.'));
        },
      });
  }
}
