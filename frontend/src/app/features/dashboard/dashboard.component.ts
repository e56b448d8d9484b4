import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, asyncScheduler, catchError, filter, merge, of, switchMap, throttleTime } from 'rxjs';
import { isLoggedEvent } from '@taskpulse/contract';
import type { DashboardStats } from '../../core/api/api.types';
import { errorMessage } from '../../core/api/http-errors';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { DashboardApi } from './dashboard-api.service';

/** At most one stats request per this interval, however many events arrive. */
export const STATS_THROTTLE_MS = 250;

interface StatCard {
  testId: string;
  label: string;
  value: string;
}

@Component({
  selector: 'tp-dashboard',
  imports: [PercentPipe],
  templateUrl: './dashboard.component.html',
  styleUrl: './dashboard.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardComponent {
  private readonly api = inject(DashboardApi);

  protected readonly stats = signal<DashboardStats | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly cards = computed<StatCard[]>(() => {
    const s = this.stats();
    if (!s) {
      return [];
    }
    return [
      { testId: 'stat-total', label: 'Total', value: `${s.total}` },
      { testId: 'stat-pending', label: 'Pending', value: `${s.pending}` },
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
    merge(of(null), realtime.events$.pipe(filter(isLoggedEvent)), realtime.resync$, realtime.pollTick$)
      .pipe(
        throttleTime(STATS_THROTTLE_MS, asyncScheduler, { leading: true, trailing: true }),
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
}
