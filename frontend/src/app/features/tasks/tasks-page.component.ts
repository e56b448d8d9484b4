import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterRenderEffect, computed, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { distinctUntilChanged, interval, map } from 'rxjs';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TaskStore } from './data/task-store';
import { DEFAULT_QUERY, isOverdue } from './data/task-query';
import { isFiltered, queryFromParams, sameQuery } from './data/task-query-params';
import { ListDensity } from './data/list-density';
import { ListFocus } from '../../core/ui/list-focus';
import { useListShortcuts } from './list-shortcuts';
import { TaskCreateFormComponent } from './task-create-form/task-create-form.component';
import { TaskFiltersComponent } from './task-filters/task-filters.component';
import { TaskRowComponent } from './task-row/task-row.component';

/** The list: filters kept in the URL, rows patched live, and focus kept in place as rows come and go. */
@Component({
  selector: 'tp-tasks-page',
  imports: [RouterLink, TaskCreateFormComponent, TaskFiltersComponent, TaskRowComponent],
  templateUrl: './tasks-page.component.html',
  styleUrl: './tasks-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(focusin)': 'focus.noteFocus($event.target)' },
})
export class TasksPageComponent {
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly createForm = viewChild(TaskCreateFormComponent);

  protected readonly filterBar = viewChild(TaskFiltersComponent);
  protected readonly store = inject(TaskStore);
  protected readonly density = inject(ListDensity);
  protected readonly focus = new ListFocus(
    () => this.list()?.nativeElement,
    () => this.heading()?.nativeElement,
  );
  /** Re-evaluates "overdue" as time passes. */
  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
  protected readonly isOverdue = isOverdue;
  protected readonly filtered = computed(() => isFiltered(this.store.query() ?? DEFAULT_QUERY));
  /** What is loaded and whether there is more: the list API has no total, so none is made up. */
  protected readonly countText = computed(() => {
    const shown = this.store.tasks().length;
    if (!shown) return '';
    return this.store.hasMore() ? `${shown} shown, more available` : shown === 1 ? '1 task' : `${shown} tasks`;
  });
  protected readonly emptyText = computed(() => {
    const query = this.store.query() ?? DEFAULT_QUERY;
    const filtered = isFiltered({ ...query, q: '' });
    if (query.q) return `No tasks match “${query.q}”${filtered ? ' with these filters' : ''}.`;
    return this.filtered() ? 'No tasks match these filters.' : 'No tasks here yet. Add your first one above.';
  });

  constructor() {
    // The URL is the source of truth: the filters write it, and every change of it (typing, back/forward) loads.
    inject(ActivatedRoute)
      .queryParamMap.pipe(map(queryFromParams), distinctUntilChanged(sameQuery), takeUntilDestroyed())
      .subscribe((query) => this.store.open(query));
    inject(RealtimeService)
      .pollTick$.pipe(takeUntilDestroyed())
      .subscribe(() => this.store.refresh());
    inject(DestroyRef).onDestroy(() => this.store.close());
    useListShortcuts(() => Array.from(this.list()?.nativeElement.querySelectorAll<HTMLElement>(':scope > [data-task-id]') ?? []), {
      create: () => this.createForm()?.focusTitle(),
      search: () => this.filterBar()?.focusSearch(),
    });
    afterRenderEffect(() =>
      this.focus.settle(
        this.store.tasks().map((task) => task.id),
        this.store.loading(),
      ),
    );
  }

  protected loadMore(): void {
    if (!this.store.loading()) {
      this.focus.expectMore(this.store.tasks().map((task) => task.id));
      this.store.loadMore();
    }
  }
}
