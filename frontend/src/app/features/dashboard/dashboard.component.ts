import { PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { EMPTY, Subject, catchError, filter, merge, of, switchMap } from 'rxjs';
import { isLoggedEvent } from '@taskpulse/contract';
import type { DashboardStats } from '../../core/api/api.types';
import { errorMessage } from '../../core/api/http-errors';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { coalesceBursts } from '../../core/util/coalesce-bursts';
import { DashboardApi } from './dashboard-api.service';
import { FirstRunComponent } from './first-run/first-run.component';

/**
 * Live events only say "something changed": under a burst the stats are refetched at most once per this
 * interval (after letting a lone change, or a pair, through at once), so a busy team does not turn every
 * event into a request from every open dashboard.
 */
export const STATS_REFETCH_INTERVAL_MS = 1000;

interface StatCard {
  testId: string;
  label: string;
  value: string;
}

@Component({
  selector: 'tp-dashboard',
  imports: [PercentPipe, RouterLink, FirstRunComponent],
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardComponent {
  private readonly api = inject(DashboardApi);
  private readonly refetchNow = new Subject<void>();
  private readonly injector = inject(Injector);
  private readonly addedNotice = viewChild<ElementRef<HTMLElement>>('addedNotice');

  protected readonly stats = signal<DashboardStats | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly firstTask = signal<string | null>(null);
  /** The first-run form is sending: it stays, even if the task's own event refreshes the figures first. */
  protected readonly sendingFirst = signal(false);
  /** Nothing to count yet (no task, no team): invite the first task instead of showing a wall of zeros. */
  protected readonly firstRun = computed(() => {
    const s = this.stats();
    return !!s && s.total === 0 && s.teams.length === 0;
  });
  protected readonly cards = computed<StatCard[]>(() => {
    const s = this.stats();
    if (!s) {
      return [];
    }
    return [
      { testId: 'stat-total', label: 'Total', value: `${s.total}` },
      { testId: 'stat-pending', label: 'Pending', value: `${s.pending}` },
      { testId: 'stat-in-progress', label: 'In progress', value: `${s.inProgress}` },
      { testId: 'stat-assigned-to-me', label: 'Assigned to me', value: `${s.assignedToMe}` },
      { testId: 'stat-completed', label: 'Completed', value: `${s.completed}` },
      { testId: 'stat-overdue', label: 'Overdue', value: `${s.overdue}` },
      { testId: 'stat-due-today', label: 'Due today', value: `${s.dueToday}` },
      { testId: 'stat-completed-week', label: 'Completed this week', value: `${s.completedThisWeek}` },
      { testId: 'stat-shared-with-me', label: 'Shared with me', value: `${s.sharedWithMe}` },
      { testId: 'stat-shared-by-me', label: 'Shared by me', value: `${s.sharedByMe}` },
      { testId: 'stat-completion-rate', label: 'Completion rate', value: `${Math.round(s.completionRate * 100)}%` },
    ];
  });

  constructor() {
    const realtime = inject(RealtimeService);
    const changes = merge(realtime.events$.pipe(filter(isLoggedEvent)), realtime.resync$, realtime.pollTick$);
    merge(of(null), this.refetchNow, changes.pipe(coalesceBursts(STATS_REFETCH_INTERVAL_MS)))
      .pipe(
        switchMap(() =>
          this.api.stats().pipe(
            catchError((error: unknown) => {
              this.error.set(errorMessage(error, 'Could not load the statistics.'));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((stats) => {
        this.stats.set(stats);
        this.error.set(null);
      });
  }

  /**
   * The first task was just added here: show the dashboard it makes without waiting for its event, and put
   * focus on the note saying so (the form that had it is gone).
   */
  protected firstTaskAdded(title: string): void {
    this.firstTask.set(title);
    this.refetchNow.next();
    afterNextRender(() => this.addedNotice()?.nativeElement.focus(), { injector: this.injector });
  }
}
