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
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { debounceTime, distinctUntilChanged, interval, map, merge } from 'rxjs';
import type { TaskQuery, TaskScope } from './data/task.types';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TeamsStore } from '../teams';
import { TaskStore } from './data/task-store';
import { DEFAULT_QUERY, isOverdue } from './data/task-query';
import { MAX_SEARCH_LENGTH, isFiltered, paramsFromQuery, queryFromParams, sameQuery } from './data/task-query-params';
import { ListFocus } from './list-focus';
import { TaskCreateFormComponent } from './task-create-form/task-create-form.component';
import { TaskRowComponent } from './task-row/task-row.component';
import { useListShortcuts } from './list-shortcuts';
import { ListDensity } from './data/list-density';

const SEARCH_DEBOUNCE_MS = 300;

/** The list: filters kept in the URL, rows patched live, and focus kept in place as rows come and go. */
@Component({
  selector: 'tp-tasks-page',
  imports: [ReactiveFormsModule, TaskCreateFormComponent, TaskRowComponent],
  templateUrl: './tasks-page.component.html',
  styleUrl: './tasks-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(focusin)': 'focus.noteFocus($event.target)' },
})
export class TasksPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly list = viewChild<ElementRef<HTMLElement>>('list');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');
  private readonly createForm = viewChild(TaskCreateFormComponent);

  protected readonly store = inject(TaskStore);
  protected readonly density = inject(ListDensity);
  protected readonly teams = inject(TeamsStore);
  protected readonly focus = new ListFocus(
    () => this.list()?.nativeElement,
    () => this.heading()?.nativeElement,
  );
  protected readonly maxSearch = MAX_SEARCH_LENGTH;
  protected readonly filters = new FormGroup({
    scope: new FormControl<TaskScope>(DEFAULT_QUERY.scope, { nonNullable: true }),
    status: new FormControl<TaskQuery['status']>(DEFAULT_QUERY.status, { nonNullable: true }),
    teamId: new FormControl<string>('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true }),
  });
  protected readonly filtersOpen = signal(false);
  /** Re-evaluates "overdue" as time passes. */
  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
  protected readonly isOverdue = isOverdue;
  protected readonly filtered = computed(() => isFiltered(this.store.query() ?? DEFAULT_QUERY));
  protected readonly activeFilters = computed(() => {
    const query = this.store.query() ?? DEFAULT_QUERY;
    return [query.scope !== DEFAULT_QUERY.scope, !!query.status, !!query.teamId].filter(Boolean).length;
  });
  /** What is loaded and whether there is more: the list API has no total, so none is made up. */
  protected readonly countText = computed(() => {
    const shown = this.store.tasks().length;
    if (!shown) return '';
    return this.store.hasMore() ? `${shown} shown, more available` : shown === 1 ? '1 task' : `${shown} tasks`;
  });
  protected readonly emptyText = computed(() => {
    const query = this.store.query() ?? DEFAULT_QUERY;
    if (query.q) return `No tasks match “${query.q}”${this.activeFilters() ? ' with these filters' : ''}.`;
    return this.filtered() ? 'No tasks match these filters.' : 'No tasks here yet. Add your first one above.';
  });

  constructor() {
    // The URL is the source of truth: the form writes it, and every change of it (typing, back/forward) loads.
    this.route.queryParamMap.pipe(map(queryFromParams), distinctUntilChanged(sameQuery), takeUntilDestroyed()).subscribe((query) => {
      if (!sameQuery(query, this.formQuery())) {
        this.filters.setValue({ scope: query.scope, status: query.status, teamId: query.teamId ?? '', q: query.q }, { emitEvent: false });
      }
      this.store.open(query);
    });
    const { scope, status, teamId, q } = this.filters.controls;
    merge(scope.valueChanges, status.valueChanges, teamId.valueChanges, q.valueChanges.pipe(debounceTime(SEARCH_DEBOUNCE_MS)))
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.applyNow());
    inject(RealtimeService)
      .pollTick$.pipe(takeUntilDestroyed())
      .subscribe(() => this.store.refresh());
    inject(DestroyRef).onDestroy(() => this.store.close());
    useListShortcuts(() => Array.from(this.list()?.nativeElement.querySelectorAll<HTMLElement>(':scope > [data-task-id]') ?? []), {
      create: () => this.createForm()?.focusTitle(),
      search: () => this.search()?.nativeElement.focus(),
    });
    afterRenderEffect(() =>
      this.focus.settle(
        this.store.tasks().map((task) => task.id),
        this.store.loading(),
      ),
    );
  }

  protected applyNow(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: paramsFromQuery(this.formQuery()),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected clearFilters(): void {
    this.filters.setValue({ scope: DEFAULT_QUERY.scope, status: DEFAULT_QUERY.status, teamId: '', q: '' }, { emitEvent: false });
    this.applyNow();
    this.search()?.nativeElement.focus();
  }

  protected loadMore(): void {
    if (!this.store.loading()) {
      this.focus.expectMore(this.store.tasks().map((task) => task.id));
      this.store.loadMore();
    }
  }

  private formQuery(): TaskQuery {
    const { scope, status, teamId, q } = this.filters.getRawValue();
    return { scope, status, teamId: teamId || null, q: q.trim().slice(0, MAX_SEARCH_LENGTH) };
  }
}
