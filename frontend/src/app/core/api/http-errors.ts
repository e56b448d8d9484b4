import { HttpErrorResponse } from '@angular/common/http';
import type { TaskDto } from '@taskpulse/contract';
import type { ApiErrorBody } from './api.types';
import { type FieldAliases, type ServerProblem, fromServer } from './server-messages';

const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';

/** What went wrong, for people: the server's messages reworded (`server-messages.ts`), or `fallback`. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.', aliases?: FieldAliases): string {
  if (!(error instanceof HttpErrorResponse)) {
    return error instanceof Error && error.message ? error.message : fallback;
  }
  if (error.status === 0) {
    return UNREACHABLE;
  }
  const problems = serverProblems(error, aliases);
  if (problems.length) {
    return retryHint(error, problems.map((problem) => problem.text).join(' '));
  }
  return retryHint(error, `${fallback} (${error.status}${error.statusText ? ' ' + error.statusText : ''})`);
}

/** Each message of an error answer, reworded, with the field it is about (forms mark that field). */
export function serverProblems(error: unknown, aliases?: FieldAliases): ServerProblem[] {
  if (!(error instanceof HttpErrorResponse) || error.status === 0) {
    return [];
  }
  const body = error.error as Partial<ApiErrorBody> | string | null;
  let messages: string[] = [];
  if (body && typeof body === 'object') {
    messages = Array.isArray(body.message) ? body.message : body.message ? [body.message] : [];
  } else if (typeof body === 'string' && body.trim() && !body.trimStart().startsWith('<')) {
    messages = [body.trim()];
  }
  return messages.map((message) => fromServer(message, aliases));
}

function retryHint(error: HttpErrorResponse, message: string): string {
  if (error.status !== 429) {
    return message;
  }
  const retryAfter = error.headers?.get('Retry-After');
  return `${message} ${retryAfter ? `Try again in ${retryAfter} s.` : 'Wait a minute, then try again.'}`;
}

/** The fresh task carried by a 409 on a stale `version`, if this is one. */
export function staleTaskOf(error: unknown): TaskDto | null {
  if (error instanceof HttpErrorResponse && error.status === 409) {
    const body = error.error as Partial<ApiErrorBody> | null;
    return body && typeof body === 'object' && body.task ? body.task : null;
  }
  return null;
}
