import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { NEVER, Subject } from 'rxjs';
import type { AnyServerMessage } from '@taskpulse/contract';
import { loggedEvent } from '../../../testing/builders';
import type { DashboardStats } from '../../core/api/api.types';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { DashboardComponent, STATS_THROTTLE_MS } from './dashboard.component';

function stats(overrides: Partial<DashboardStats> = {}): DashboardStats {
  return {
    total: 3,
    pending: 1,
    completed: 2,
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

  it('refetches at most once per 250 ms under a burst of events, and ends with the latest numbers', () => {
    const { sut, events, backend } = setup();
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 3 }));

    for (let seq = 11; seq <= 40; seq++) {
      events.next(loggedEvent('task_created', seq));
      jest.advanceTimersByTime(5);
    }
    // 150 ms of events: nothing new yet, one trailing request when the window closes.
    backend.expectNone('/api/dashboard/stats');
    jest.advanceTimersByTime(STATS_THROTTLE_MS);
    backend.expectOne('/api/dashboard/stats').flush(stats({ total: 33 }));
    jest.advanceTimersByTime(STATS_THROTTLE_MS * 4);
    backend.expectNone('/api/dashboard/stats');

    expect(text(sut, 'stat-total')).toBe('33');
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
