import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { debounceTime, distinctUntilChanged, interval, map, merge, startWith } from 'rxjs';
import type { TaskQuery, TaskScope } from './data/task.types';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TeamsStore } from '../teams';
import { TaskStore } from './data/task-store';
import { DEFAULT_QUERY, isOverdue } from './data/task-query';
import { TaskCreateFormComponent } from './task-create-form/task-create-form.component';
import { TaskRowComponent } from './task-row/task-row.component';

const SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'tp-tasks-page',
  imports: [ReactiveFormsModule, TaskCreateFormComponent, TaskRowComponent],
  templateUrl: './tasks-page.component.html',
  styleUrl: './tasks-page.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TasksPageComponent {
  protected readonly store = inject(TaskStore);
  protected readonly teams = inject(TeamsStore);
  protected readonly filters = new FormGroup({
    scope: new FormControl<TaskScope>(DEFAULT_QUERY.scope, { nonNullable: true }),
    status: new FormControl<TaskQuery['status']>(DEFAULT_QUERY.status, { nonNullable: true }),
    teamId: new FormControl<string>('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true }),
  });
  /** Re-evaluates "overdue" as time passes. */
  protected readonly now = toSignal(interval(30_000).pipe(map(() => Date.now())), { initialValue: Date.now() });
  protected readonly isOverdue = isOverdue;

  constructor() {
    const { scope, status, teamId, q } = this.filters.controls;
    merge(scope.valueChanges, status.valueChanges, teamId.valueChanges, q.valueChanges.pipe(debounceTime(SEARCH_DEBOUNCE_MS)))
      .pipe(
        startWith(null),
        map(() => this.currentQuery()),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        takeUntilDestroyed(),
      )
      .subscribe((query) => this.store.open(query));
    inject(RealtimeService)
      .pollTick$.pipe(takeUntilDestroyed())
      .subscribe(() => this.store.refresh());
    inject(DestroyRef).onDestroy(() => this.store.close());
  }

  private currentQuery(): TaskQuery {
    const { scope, status, teamId, q } = this.filters.getRawValue();
    return { scope, status, teamId: teamId || null, q: q.trim() };
  }
}
