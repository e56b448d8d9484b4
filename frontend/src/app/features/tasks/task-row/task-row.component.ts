import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { TaskDto } from '@taskpulse/contract';
import { Observable } from 'rxjs';
import { errorMessage } from '../../../core/api/http-errors';
import { RouterLink } from '@angular/router';
import { PresenceComponent } from '../../../core/ui/presence/presence.component';
import { PeopleDirectory } from '../../people';
import { TeamsStore } from '../../teams';
import { MergeChoiceComponent } from '../merge-choice/merge-choice.component';
import { SharePanelComponent } from '../share-panel/share-panel.component';
import { TaskEditFormComponent } from '../task-edit-form/task-edit-form.component';
import { TaskSync } from '../data/task-sync';
import { PERMISSION_LABELS, PRIORITY_LABELS, formatDueDate } from '../data/task-format';
import { isOverdue } from '../data/task-query';

type RowMode = 'view' | 'edit' | 'share' | 'confirm-delete';

/** One task: its state at a glance, actions by permission, and inline edit / share / delete confirmation. */
@Component({
  selector: 'tp-task-row',
  imports: [RouterLink, TaskEditFormComponent, SharePanelComponent, MergeChoiceComponent, PresenceComponent],
  templateUrl: './task-row.component.html',
  styleUrl: './task-row.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Compact: one line (the edit form, share panel and confirmation still open at full size).
  host: { '[class.compact]': "compact() && mode() === 'view'" },
})
export class TaskRowComponent {
  private readonly teams = inject(TeamsStore);
  private readonly people = inject(PeopleDirectory);
  private readonly sync = inject(TaskSync);
  private readonly injector = inject(Injector);
  private readonly confirmButton = viewChild<ElementRef<HTMLButtonElement>>('confirmButton');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');
  private readonly shareButton = viewChild<ElementRef<HTMLButtonElement>>('shareButton');
  private readonly deleteButton = viewChild<ElementRef<HTMLButtonElement>>('deleteButton');

  readonly task = input.required<TaskDto>();
  readonly now = input(Date.now());
  readonly compact = input(false);

  protected readonly mode = signal<RowMode>('view');
  /** Actions of this row on their way to the server; delete and leave wait for the ones before them. */
  private readonly inFlight = signal(0);
  protected readonly busy = computed(() => this.inFlight() > 0);
  protected readonly message = signal<string | null>(null);
  /** My changes to it not yet accepted by the server, and why the last attempt did not get through. */
  protected readonly waiting = computed(() => this.sync.pending().has(this.task().id));
  protected readonly syncProblem = computed(() => this.sync.problemOf().get(this.task().id) ?? null);
  protected readonly completed = computed(() => this.task().status === 'completed');
  protected readonly overdue = computed(() => isOverdue(this.task(), this.now()));
  protected readonly priorityLabel = computed(() => PRIORITY_LABELS[this.task().priority]);
  protected readonly permissionLabel = computed(() => PERMISSION_LABELS[this.task().permission]);
  protected readonly dueLabel = computed(() => {
    const due = this.task().dueDate;
    return due ? formatDueDate(due) : null;
  });
  protected readonly assignees = computed(() =>
    this.task()
      .assigneeIds.map((id) => this.people.nameOf(id))
      .join(', '),
  );
  protected readonly checklistDone = computed(() => this.task().checklist.filter((item) => item.done).length);
  protected readonly teamName = computed(() => this.teams.nameOf(this.task().teamId));
  protected readonly canEdit = computed(() => this.task().permission !== 'view');
  protected readonly canShare = computed(() => this.task().permission === 'owner');
  protected readonly canLeave = computed(() => ['edit', 'view'].includes(this.task().permission));
  protected readonly canDelete = computed(() => this.task().permission === 'owner' || this.teams.isAdmin(this.task().teamId));
  protected readonly canReteam = this.canDelete;

  protected toggleStatus(): void {
    // Never disabled (a disabled button drops focus to <body>) and never ignored: the status shows at once, and a
    // press while the last one is on its way queues the opposite change behind it, as the person asked.
    // The task as it is now, my queued changes included: a second press can come before the row has re-rendered.
    const task = this.sync.current(this.task().id) ?? this.task();
    this.run(this.sync.setStatus(task, task.status === 'completed' ? 'pending' : 'completed'));
  }

  protected askDelete(): void {
    this.message.set(null);
    this.mode.set('confirm-delete');
    afterNextRender(() => this.confirmButton()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Closes the edit form, share panel or delete confirmation and puts focus back on the button that opened it. */
  protected backTo(from: Exclude<RowMode, 'view'>): void {
    this.mode.set('view');
    const opener = { edit: this.editButton, share: this.shareButton, 'confirm-delete': this.deleteButton }[from];
    afterNextRender(() => opener()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirmDelete(): void {
    // On success the row goes; the tasks page moves focus to the row that takes its place.
    if (!this.busy()) {
      this.run(this.sync.remove(this.task()), () => this.backTo('confirm-delete'));
    }
  }

  protected leave(): void {
    if (!this.busy()) {
      this.run(this.sync.leave(this.task()));
    }
  }

  protected open(mode: RowMode): void {
    this.message.set(null);
    this.mode.set(mode);
  }

  private run(action: Observable<unknown>, onError?: () => void): void {
    this.inFlight.update((n) => n + 1);
    let settled = false;
    const settle = () => {
      if (!settled) this.inFlight.update((n) => n - 1);
      settled = true;
    };
    this.message.set(null);
    action.subscribe({
      next: settle,
      complete: settle,
      error: (error: unknown) => {
        settle();
        onError?.();
        this.message.set(errorMessage(error));
      },
    });
  }
}
