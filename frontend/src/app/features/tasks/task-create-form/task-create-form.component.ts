import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { TaskPriority } from '@taskpulse/contract';
import { errorMessage } from '../../../core/api/http-errors';
import { randomId } from '../../../core/api/random-id';
import { RULES } from '../../../core/validation/field-rules';
import { lengthOf } from '../../../core/validation/field-validators';
import { FormProblems } from '../../../core/validation/form-problems';
import { TeamsStore } from '../../teams';
import { TaskSync } from '../data/task-sync';
import { dueDateFromInput } from '../data/task-format';

/** Title and "Add task" up front; at phone width the other fields fold behind "More options". */
@Component({
  selector: 'tp-task-create-form',
  imports: [ReactiveFormsModule],
  templateUrl: './task-create-form.component.html',
  styleUrl: '../task-forms.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskCreateFormComponent {
  private readonly sync = inject(TaskSync);
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');
  private readonly descriptionInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('descriptionInput');
  /** Kept until the create succeeds, so retrying after a lost answer cannot create a duplicate. */
  private pendingId: string | null = null;

  protected readonly teams = inject(TeamsStore).teams;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly detailsOpen = signal(false);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.title)] }),
    description: new FormControl('', { nonNullable: true, validators: [lengthOf(RULES.description)] }),
    priority: new FormControl<TaskPriority>('medium', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true }),
    teamId: new FormControl('', { nonNullable: true }),
  });
  protected readonly problems = new FormProblems(this.form, { title: 'title', description: 'description' });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => (this.pendingId = null));
  }

  /** The `c` shortcut. */
  focusTitle(): void {
    this.titleInput().nativeElement.focus();
  }

  protected submit(): void {
    if (this.busy()) {
      return;
    }
    const invalid = this.problems.check();
    if (invalid) {
      this.error.set(null);
      if (invalid === 'description') this.detailsOpen.set(true);
      (invalid === 'title' ? this.titleInput() : this.descriptionInput()).nativeElement.focus();
      return;
    }
    const value = this.form.getRawValue();
    this.pendingId ??= randomId();
    this.busy.set(true);
    this.error.set(null);
    this.sync
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
          this.problems.reset();
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
