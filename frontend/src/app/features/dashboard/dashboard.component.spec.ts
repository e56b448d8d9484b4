import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { NEVER, Subject } from 'rxjs';
import type { AnyServerMessage } from '@taskpulse/contract';
import { loggedEvent } from '../../../testing/builders';
import type { DashboardStats } from '../../core/api/api.types';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { DashboardComponent, STATS_REFETCH_INTERVAL_MS } from './dashboard.component';

function stats(overrides: Partial<DashboardStats> = {}): DashboardStats {
  return {
    total: 3,
    pending: 1,
    inProgress: 0,
    completed: 2,
    assignedToMe: 0,
    overdue: 1,
    dueToday: 0,
    completedThisWeek: 2,
    sharedWithMe: 1,
    sharedByMe: 0,
    completionRate: 0.6667,
    teams: [{ teamId: 'team-1', name: 'Design', total: 4, completed: 1 }],
    seq: 10,
    ...overrides,
  };
}

function setup() {
  const events = new Subject<AnyServerMessage>();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: RealtimeService, useValue: { events$: events, resync$: NEVER, pollTick$: NEVER } },
    ],
  });
  const sut: ComponentFixture<DashboardComponent> = TestBed.createComponent(DashboardComponent);
  return { sut, events, backend: TestBed.inject(HttpTestingController) };
}

function text(sut: ComponentFixture<DashboardComponent>, testId: string): string | undefined {
  sut.detectChanges();
  const element: HTMLElement | null = sut.nativeElement.querySelector(`[data-testid="${testId}"]`);
  return element?.textContent?.trim();
}

describe('DashboardComponent', () => {
  beforeEach(() => jest.useFakeTimers());

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('shows every statistic under its test id, the completion rate as a percentage', () => {
    const { sut, backend } = setup();

    backend.expectOne('/api/dashboard/stats').flush(stats());

    expect(text(sut, 'stat-total')).toBe('3');
    expect(text(sut, 'stat-pending')).toBe('1');
    expect(text(sut, 'stat-completed')).toBe('2');
    expect(text(sut, 'stat-overdue')).toBe('1');
    expect(text(sut, 'stat-due-today')).toBe('0');
    expect(text(sut, 'stat-completed-week')).toBe('2');
    expect(text(sut, 'stat-shared-with-me')).toBe('1');
    expect(text(sut, 'stat-shared-by-me')).toBe('0');
    expect(text(sut, 'stat-completion-rate')).toBe('67%');
    expect(text(sut, 'team-progress')).toContain('Design');
  });

  it('under a burst of events refetches at most once per second after the first pair, and ends with the latest numbers', () => {
    const { sut, events, backend } = setup();
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 3 }));

    // A lone change, and the second of a pair, are fetched at once.
    events.next(loggedEvent('task_created', 11));
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 4 }));
    jest.advanceTimersByTime(100);
    events.next(loggedEvent('task_created', 12));
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 5 }));
    // 28 more within 150 ms: nothing at once, then one trailing request for all of them.
    for (let seq = 13; seq <= 40; seq++) {
      events.next(loggedEvent('task_created', seq));
      jest.advanceTimersByTime(5);
    }
    backend.expectNone('/api/dashboard/stats');
    jest.advanceTimersByTime(STATS_REFETCH_INTERVAL_MS);
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 33 }));
    jest.advanceTimersByTime(STATS_REFETCH_INTERVAL_MS * 4);
    backend.expectNone('/api/dashboard/stats');

    expect(text(sut, 'stat-total')).toBe('33');
  });

  it('invites the first task instead of showing a wall of zeros when there is nothing yet', () => {
    const { sut, backend } = setup();

    backend
      .expectOne('/api/dashboard/stats')
      .flush(
        stats({ total: 0, pending: 0, completed: 0, overdue: 0, completedThisWeek: 0, sharedWithMe: 0, completionRate: 0, teams: [] }),
      );
    sut.detectChanges();

    expect(sut.nativeElement.querySelector('[data-testid="first-run"]')).not.toBeNull();
    expect(sut.nativeElement.querySelector('#first-task-title')).not.toBeNull();
    expect(text(sut, 'stat-total')).toBeUndefined();
  });

  it('keeps the figures for someone in a team, even with no task yet', () => {
    const { sut, backend } = setup();

    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 0, pending: 0, completed: 0, completionRate: 0 }));

    expect(text(sut, 'stat-total')).toBe('0');
    expect(sut.nativeElement.querySelector('[data-testid="first-run"]')).toBeNull();
  });

  it("shows the server's message when the statistics cannot be loaded", () => {
    const { sut, backend } = setup();

    backend
      .expectOne('/api/dashboard/stats')
      .flush(
        { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' },
        { status: 500, statusText: 'Internal Server Error' },
      );
    sut.detectChanges();

    expect(sut.nativeElement.querySelector('[role="alert"]')?.textContent).toContain('Database unavailable');
  });
});
