import { HttpErrorResponse } from '@angular/common/http';
import type { TaskDto } from '@taskpulse/contract';
import type { ApiErrorBody } from './api.types';

/** The server's own `message` when there is one, so every failure says what went wrong. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (!(error instanceof HttpErrorResponse)) {
    return error instanceof Error && error.message ? error.message : fallback;
  }
  if (error.status === 0) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  const body = error.error as Partial<ApiErrorBody> | string | null;
  if (body && typeof body === 'object') {
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    if (message) {
      return retryHint(error, message);
    }
  }
  if (typeof body === 'string' && body.trim() && !body.trimStart().startsWith('<')) {
    return retryHint(error, body.trim());
  }
  return retryHint(error, `${fallback} (${error.status}${error.statusText ? ' ' + error.statusText : ''})`);
}

function retryHint(error: HttpErrorResponse, message: string): string {
  const retryAfter = error.status === 429 ? error.headers?.get('Retry-After') : null;
  return retryAfter ? `${message} (try again in ${retryAfter} s)` : message;
}

/** Worth retrying later: no answer, rate limited, or a server-side failure. */
export function isTransientError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** The fresh task carried by a 409 on a stale `version`, if this is one. */
export function staleTaskOf(error: unknown): TaskDto | null {
  if (error instanceof HttpErrorResponse && error.status === 409) {
    const body = error.error as Partial<ApiErrorBody> | null;
    return body && typeof body === 'object' && body.task ? body.task : null;
  }
  return null;
}
