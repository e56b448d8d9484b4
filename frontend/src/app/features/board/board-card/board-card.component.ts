import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TaskDto } from '@taskpulse/contract';
import { AuthService } from '../../../core/auth/auth.service';
import { PeopleDirectory } from '../../people';
import { PRIORITY_LABELS, formatDueDate, isOverdue } from '../../tasks';
import { BOARD_COLUMNS, type KeyboardMove } from '../data/board-columns';

/** One card: title (to the task's page), priority, due date, people, labels, checklist and comments at a glance. */
@Component({
  selector: 'tp-board-card',
  imports: [RouterLink],
  templateUrl: './board-card.component.html',
  styleUrl: './board-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BoardCardComponent {
  private readonly people = inject(PeopleDirectory);
  private readonly auth = inject(AuthService);

  readonly task = input.required<TaskDto>();
  readonly now = input(Date.now());
  /** Whether the card can go up / down in its column (the page knows its neighbours). */
  readonly canMoveUp = input(false);
  readonly canMoveDown = input(false);
  readonly move = output<KeyboardMove>();

  protected readonly priorityLabel = computed(() => PRIORITY_LABELS[this.task().priority]);
  protected readonly due = computed(() => (this.task().dueDate ? formatDueDate(this.task().dueDate as string) : null));
  protected readonly overdue = computed(() => isOverdue(this.task(), this.now()));
  protected readonly movable = computed(() => this.task().permission !== 'view');
  protected readonly checklist = computed(() => {
    const items = this.task().checklist;
    return items.length ? `${items.filter((item) => item.done).length}/${items.length}` : null;
  });
  protected readonly assignees = computed(() =>
    this.task().assigneeIds.map((id) => {
      const name = this.people.nameOf(id);
      // "You" to read, my own initials to see.
      const initials = initialsOf(id === this.auth.userId() ? (this.auth.user()?.name ?? name) : name);
      return { id, name, initials };
    }),
  );
  protected readonly left = computed(() => this.neighbour(-1));
  protected readonly right = computed(() => this.neighbour(1));

  private neighbour(step: -1 | 1): string | null {
    const index = BOARD_COLUMNS.findIndex((column) => column.status === this.task().status);
    return BOARD_COLUMNS[index + step]?.title ?? null;
  }
}

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
