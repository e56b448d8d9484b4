import { HttpEventType, HttpInterceptorFn } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, Subject, tap } from 'rxjs';
import { isUnreachable } from './http-status';

/** REST requests that got no answer at all; the realtime connection checks itself at once when one happens. */
@Injectable({ providedIn: 'root' })
export class UnreachableReports {
  private readonly subject = new Subject<void>();
  private answered = false;

  readonly reported$: Observable<void> = this.subject.asObservable();

  /** Whether the last /api request got an answer (any status): the server is reachable over HTTP. */
  get serverAnswers(): boolean {
    return this.answered;
  }

  report(): void {
    this.answered = false;
    this.subject.next();
  }

  /** A request got an answer, whatever its status. */
  reportAnswer(): void {
    this.answered = true;
  }
}

/** Reports /api requests that failed without an answer (status 0). */
export const unreachableInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) {
    return next(req);
  }
  const reports = inject(UnreachableReports);
  return next(req).pipe(
    tap({
      next: (event) => event.type === HttpEventType.Response && reports.reportAnswer(),
      error: (error: unknown) => (isUnreachable(error) ? reports.report() : reports.reportAnswer()),
    }),
  );
};
