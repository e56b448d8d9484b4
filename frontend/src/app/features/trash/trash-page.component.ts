import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { interval, map } from 'rxjs';
import type { TrashedTaskDto } from '@taskpulse/contract';
import { ListFocus } from '../../core/ui/list-focus';
import { PeopleDirectory } from '../people';
import { TeamsStore } from '../teams';
import { RETENTION_TEXT, TRASH_RETENTION_DAYS, deletedLine } from './data/trash-text';
import { TrashStore } from './data/trash-store';

/** Deleted tasks the person may bring back, newest first, kept live; a restore says so and keeps focus in the list. */
@Component({
  selector: 'tp-trash-page',
  imports: [RouterLink],
  templateUrl: './trash-page.component.html',
  styleUrl: './trash-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TrashStore],
  host: { '(focusin)': 'focus.noteFocus($event.target)' },
})
export class TrashPageComponent {
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');
  private readonly people = inject(PeopleDirectory);
  private readonly teams = inject(TeamsStore);

  protected readonly store = inject(TrashStore);
  /** A row that leaves while focused hands focus to the next row's Restore button (or the previous, or the heading). */
  protected readonly focus = new ListFocus(
    () => this.list()?.nativeElement,
    () => this.heading().nativeElement,
    (row) => row.querySelector<HTMLElement>('[data-restore]'),
  );
  protected readonly retention = RETENTION_TEXT;
  protected readonly retentionDays = TRASH_RETENTION_DAYS;
  /** "Restored “X”…", read out politely. */
  protected readonly status = signal('');
  /** Why the last restore did not work. */
  protected readonly problem = signal<string | null>(null);
  /** Keeps "5 minutes ago" true as time passes. */
  private readonly now = toSignal(interval(60_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
  protected readonly rows = computed(() =>
    this.store.items().map((task) => ({
      task,
      deleted: deletedLine(task.deletedAt, this.now(), this.deleter(task)),
      team: this.teams.nameOf(task.teamId),
    })),
  );

  constructor() {
    this.store.open();
    inject(DestroyRef).onDestroy(() => this.store.close());
    afterRenderEffect(() => this.focus.settle(this.store.items().map((task) => task.id)));
  }

  protected restore(task: TrashedTaskDto): void {
    if (this.store.restoring().has(task.id)) return;
    this.problem.set(null);
    // Not cancelled when the page closes: the restore goes through all the same.
    this.store.restore(task).subscribe((result) => {
      if ('restored' in result) {
        this.status.set(`Restored “${result.restored.title}”. It is back in your tasks.`);
      } else {
        this.status.set('');
        this.problem.set(result.failed);
      }
    });
  }

  /** The name of whoever deleted it, "You" for me; null when this client does not know the name. */
  private deleter(task: TrashedTaskDto): string | null {
    const name = this.people.nameOf(task.deletedBy);
    return name === 'Someone' ? null : name;
  }
}
