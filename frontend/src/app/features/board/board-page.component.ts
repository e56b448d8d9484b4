import { CdkDrag, type CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { interval, map } from 'rxjs';
import type { TaskDto, TaskStatus } from '@taskpulse/contract';
import { useListShortcuts } from '../tasks';
import { BoardCardComponent } from './board-card/board-card.component';
import { BOARD_COLUMNS, type BoardMove, type KeyboardMove, keyboardMove, moveTo } from './data/board-columns';
import { BoardStore } from './data/board-store';
import { Flip } from './flip';

const ARROWS: Readonly<Record<string, KeyboardMove>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** Pending / in progress / completed: drag a card, or move it with Alt+arrows or its buttons; others' moves glide in live. */
@Component({
  selector: 'tp-board-page',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, BoardCardComponent],
  templateUrl: './board-page.component.html',
  styleUrl: './board-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [BoardStore],
})
export class BoardPageComponent {
  private readonly injector = inject(Injector);
  private readonly boardElement = viewChild.required<ElementRef<HTMLElement>>('board');
  private readonly flip = new Flip(() => this.cards());

  protected readonly store = inject(BoardStore);
  protected readonly columns = BOARD_COLUMNS;
  protected readonly announcement = signal('');
  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });

  constructor() {
    this.store.open();
    inject(DestroyRef).onDestroy(() => this.store.close());
    this.store.beforeRemoteChange$.pipe(takeUntilDestroyed()).subscribe(() => {
      this.flip.capture();
      afterNextRender(() => this.flip.play(), { injector: this.injector });
    });
    useListShortcuts(() => this.cards(), {});
  }

  protected drop(event: CdkDragDrop<TaskStatus, TaskStatus, TaskDto>): void {
    const task = this.store.get(event.item.data.id);
    if (task) this.apply(task, moveTo(this.store.columns(), task, event.container.data, event.currentIndex), false);
  }

  protected onCardKey(event: KeyboardEvent, task: TaskDto): void {
    const direction = ARROWS[event.key];
    if (!direction || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // Alt+Left is also the browser's Back: the card takes it.
    event.preventDefault();
    this.moveBy(task, direction);
  }

  protected moveBy(task: TaskDto, direction: KeyboardMove): void {
    if (task.permission === 'view') return;
    const move = keyboardMove(this.store.columns(), task, direction);
    if (move) this.apply(task, move, true);
  }

  protected canMove(task: TaskDto, direction: 'up' | 'down'): boolean {
    return keyboardMove(this.store.columns(), task, direction) !== null;
  }

  private apply(task: TaskDto, move: BoardMove, keepFocus: boolean): void {
    this.store.move(task, move);
    const column = this.store.columns()[move.status];
    const index = column.findIndex((card) => card.id === task.id);
    const title = this.columns.find((c) => c.status === move.status)?.title ?? move.status;
    this.announcement.set(`Moved “${task.title}” to ${title}, ${index + 1} of ${column.length}.`);
    if (keepFocus) {
      // The card is a new element in its new place: focus follows it, so the next Alt+arrow moves it on.
      afterNextRender(
        () =>
          this.cards()
            .find((card) => card.dataset['taskId'] === task.id)
            ?.focus(),
        { injector: this.injector },
      );
    }
  }

  private cards(): HTMLElement[] {
    return Array.from(this.boardElement().nativeElement.querySelectorAll<HTMLElement>('[data-testid="board-card"]'));
  }
}
