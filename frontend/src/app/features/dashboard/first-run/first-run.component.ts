import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, output, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { errorMessage } from '../../../core/api/http-errors';
import { randomId } from '../../../core/api/random-id';
import { AuthService } from '../../../core/auth/auth.service';
import { RULES, checkLength } from '../../../core/validation/field-rules';
import { describeProblem } from '../../../core/validation/problem-messages';
import { TaskStore } from '../../tasks';

/** The dashboard of someone with nothing yet: one field to add the first task, instead of nine zeros. */
@Component({
  selector: 'tp-first-run',
  imports: [RouterLink],
  templateUrl: './first-run.component.html',
  styleUrl: './first-run.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FirstRunComponent {
  private readonly tasks = inject(TaskStore);
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');
  private readonly user = inject(AuthService).user;
  /** Kept until the create succeeds, so a retry after a lost answer cannot create a duplicate. */
  private pendingId: string | null = null;

  /** The title of the task just added. */
  readonly added = output<string>();
  /**
   * True while the first task is on its way: its own event can refresh the figures before the answer comes back,
   * and the dashboard keeps this form (and its focus) until then instead of swapping it for the figures.
   */
  readonly sending = output<boolean>();

  protected readonly firstName = computed(() => this.user()?.name.trim().split(/\s+/)[0] ?? '');
  protected readonly title = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected add(): void {
    if (this.busy()) {
      return;
    }
    const problem = checkLength(this.title(), RULES.title);
    this.problem.set(problem && describeProblem('title', problem));
    if (problem) {
      this.titleInput().nativeElement.focus();
      return;
    }
    this.pendingId ??= randomId();
    this.busy.set(true);
    this.sending.emit(true);
    this.error.set(null);
    const draft = { title: this.title().trim(), description: '', priority: 'medium' as const, dueDate: null, teamId: null };
    this.tasks.create(this.pendingId, draft).subscribe({
      next: (task) => {
        this.pendingId = null;
        this.added.emit(task.title);
        this.sending.emit(false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.sending.emit(false);
        this.error.set(errorMessage(error, 'Could not add the task.'));
      },
    });
  }
}
