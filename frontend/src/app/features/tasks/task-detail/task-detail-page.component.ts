import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { interval, map } from 'rxjs';
import type { TaskStatus } from '@taskpulse/contract';
import { TeamsStore } from '../../teams';
import { MergeChoiceComponent } from '../merge-choice/merge-choice.component';
import { TaskEditFormComponent } from '../task-edit-form/task-edit-form.component';
import { PERMISSION_LABELS, PRIORITY_LABELS, formatDueDate } from '../data/task-format';
import { isOverdue } from '../data/task-query';
import { AssigneePickerComponent } from './assignee-picker/assignee-picker.component';
import { ChecklistComponent } from './checklist/checklist.component';
import { CommentThreadComponent } from './comments/comment-thread.component';
import { HistoryListComponent } from './history/history-list.component';
import { LabelsEditorComponent } from './labels-editor/labels-editor.component';
import { TaskDetailStore } from './task-detail.store';

type Tab = 'comments' | 'history';

/** `/tasks/:id`: one task with its people, labels, checklist, conversation and history, all live. */
@Component({
  selector: 'tp-task-detail-page',
  imports: [
    RouterLink,
    MergeChoiceComponent,
    TaskEditFormComponent,
    AssigneePickerComponent,
    LabelsEditorComponent,
    ChecklistComponent,
    CommentThreadComponent,
    HistoryListComponent,
  ],
  templateUrl: './task-detail-page.component.html',
  styleUrl: './task-detail-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TaskDetailStore],
})
export class TaskDetailPageComponent {
  private readonly teams = inject(TeamsStore);
  private readonly injector = inject(Injector);
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  /** From the route (`:id`). */
  readonly id = input.required<string>();

  protected readonly store = inject(TaskDetailStore);
  protected readonly editing = signal(false);
  protected readonly tab = signal<Tab>('comments');
  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
  protected readonly facts = computed(() => {
    const task = this.store.task();
    if (!task) return [];
    return [
      `Priority: ${PRIORITY_LABELS[task.priority]}`,
      task.dueDate ? `${isOverdue(task, this.now()) ? 'Overdue, due' : 'Due'} ${formatDueDate(task.dueDate)}` : '',
      task.teamId ? `Team: ${this.teams.nameOf(task.teamId) ?? 'a team'}` : '',
      PERMISSION_LABELS[task.permission],
    ].filter(Boolean);
  });
  protected readonly canReteam = computed(() => {
    const task = this.store.task();
    return !!task && (task.permission === 'owner' || this.teams.isAdmin(task.teamId));
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
    inject(DestroyRef).onDestroy(() => this.store.close());
  }

  protected setStatus(status: string): void {
    this.store.update({ status: status as TaskStatus });
  }

  protected closeEdit(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Arrow keys move between the two tabs, as in every tab list. */
  protected onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = this.tab() === 'comments' ? 'history' : 'comments';
    this.tab.set(next);
    afterNextRender(() => document.getElementById(`tab-${next}`)?.focus(), { injector: this.injector });
  }
}
