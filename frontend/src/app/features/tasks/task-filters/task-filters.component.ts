import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { debounceTime, distinctUntilChanged, map, merge } from 'rxjs';
import { type TaskSort, taskLimits } from '@taskpulse/contract';
import { PeopleDirectory } from '../../people';
import { TeamsStore } from '../../teams';
import { TaskStore } from '../data/task-store';
import { DEFAULT_QUERY } from '../data/task-query';
import { MAX_SEARCH_LENGTH, paramsFromQuery, queryFromParams, sameQuery } from '../data/task-query-params';
import type { TaskQuery, TaskScope } from '../data/task.types';

const TYPING_DEBOUNCE_MS = 300;

/** Search, filters and order of the list. They write the URL (the page loads what the URL says), and follow it back. */
@Component({
  selector: 'tp-task-filters',
  imports: [ReactiveFormsModule],
  templateUrl: './task-filters.component.html',
  styleUrl: './task-filters.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskFiltersComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly store = inject(TaskStore);
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');

  protected readonly teams = inject(TeamsStore);
  protected readonly people = inject(PeopleDirectory);
  protected readonly maxSearch = MAX_SEARCH_LENGTH;
  protected readonly maxLabel = taskLimits.labelLength;
  protected readonly form = new FormGroup({
    scope: new FormControl<TaskScope>(DEFAULT_QUERY.scope, { nonNullable: true }),
    status: new FormControl<TaskQuery['status']>(DEFAULT_QUERY.status, { nonNullable: true }),
    teamId: new FormControl<string>('', { nonNullable: true }),
    assignee: new FormControl<string>('', { nonNullable: true }),
    label: new FormControl('', { nonNullable: true }),
    sort: new FormControl<TaskSort>(DEFAULT_QUERY.sort, { nonNullable: true }),
    q: new FormControl('', { nonNullable: true }),
  });
  protected readonly open = signal(false);
  protected readonly activeFilters = computed(() => {
    const query = this.store.query() ?? DEFAULT_QUERY;
    return [query.scope !== DEFAULT_QUERY.scope, !!query.status, !!query.teamId, !!query.assignee, !!query.label].filter(Boolean).length;
  });
  /** Labels on the tasks loaded, offered as the label filter is typed. */
  protected readonly labels = computed(() => {
    const seen = new Map<string, string>();
    this.store.tasks().forEach((task) => task.labels.forEach((label) => seen.set(label.toLowerCase(), label)));
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  });

  constructor() {
    this.route.queryParamMap.pipe(map(queryFromParams), distinctUntilChanged(sameQuery), takeUntilDestroyed()).subscribe((query) => {
      if (!sameQuery(query, this.query())) {
        const { scope, status, teamId, assignee, label, sort, q } = query;
        this.form.setValue({ scope, status, teamId: teamId ?? '', assignee: assignee ?? '', label, sort, q }, { emitEvent: false });
      }
    });
    const { scope, status, teamId, assignee, label, sort, q } = this.form.controls;
    const typed = merge(q.valueChanges, label.valueChanges).pipe(debounceTime(TYPING_DEBOUNCE_MS));
    merge(scope.valueChanges, status.valueChanges, teamId.valueChanges, assignee.valueChanges, sort.valueChanges, typed)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.apply());
  }

  /** The `/` shortcut. */
  focusSearch(): void {
    this.search().nativeElement.focus();
  }

  clear(): void {
    const sort = this.form.controls.sort.value;
    this.form.setValue({ scope: DEFAULT_QUERY.scope, status: '', teamId: '', assignee: '', label: '', sort, q: '' }, { emitEvent: false });
    this.apply();
    this.focusSearch();
  }

  protected apply(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: paramsFromQuery(this.query()),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private query(): TaskQuery {
    const { scope, status, teamId, assignee, label, sort, q } = this.form.getRawValue();
    return {
      scope,
      status,
      teamId: teamId || null,
      assignee: assignee || null,
      label: label.trim().slice(0, taskLimits.labelLength),
      sort,
      q: q.trim().slice(0, MAX_SEARCH_LENGTH),
    };
  }
}
