import { HttpInterceptorFn } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, Subject, tap } from 'rxjs';
import { isUnreachable } from './http-status';

/** REST requests that got no answer at all; the realtime connection checks itself at once when one happens. */
@Injectable({ providedIn: 'root' })
export class UnreachableReports {
  private readonly subject = new Subject<void>();

  readonly reported$: Observable<void> = this.subject.asObservable();

  report(): void {
    this.subject.next();
  }
}

/** Reports /api requests that failed without an answer (status 0). */
export const unreachableInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) {
    return next(req);
  }
  const reports = inject(UnreachableReports);
  return next(req).pipe(tap({ error: (error: unknown) => isUnreachable(error) && reports.report() }));
};
