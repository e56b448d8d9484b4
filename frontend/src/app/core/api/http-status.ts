import { HttpErrorResponse } from '@angular/common/http';

/** Worth retrying later: no answer, rate limited, or a server-side failure. */
export function isTransientError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** No answer at all: the network or the server is down (the connection indicator checks at once). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 0;
}
