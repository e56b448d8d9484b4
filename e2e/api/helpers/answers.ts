/**
 * Matchers for HTTP answers that print the whole answer when they fail, and the one check of the error
 * contract: `{statusCode, error, message}` (+ `task` on a stale-version 409) and nothing from inside the server.
 */
import { STATUS_CODES } from 'node:http';
import type { HttpAnswer } from '../../support/api';

/** Traces of internals that must never reach a client: stack frames, file paths, SQL, driver and parser errors. */
const internals: RegExp[] = [
  /\bat [\w.<>]+ \(/,
  /\.(?:ts|js):\d+/,
  /node_modules/,
  /\b(?:SELECT .+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/i,
  /SQLITE_|QueryFailedError|TypeORM|duplicate key|violates|constraint failed|relation "/i,
  /Unexpected token|SyntaxError|JSON\.parse|entity\.parse|in JSON at position/i,
  /stack/i,
];

function show(answer: HttpAnswer): string {
  return `${answer.status} ${JSON.stringify(answer.body)}`;
}

function errorProblems(answer: HttpAnswer, status: number, withTask: boolean): string[] {
  const problems: string[] = [];
  const body = answer.body as Record<string, unknown> | null;
  if (answer.status !== status) problems.push(`status ${answer.status}, expected ${status}`);
  if (!body || typeof body !== 'object') return [...problems, 'body is not a JSON object'];
  const keys = Object.keys(body).sort().join(',');
  const expected = withTask ? 'error,message,statusCode,task' : 'error,message,statusCode';
  if (keys !== expected) problems.push(`keys ${keys}, expected ${expected}`);
  if (body.statusCode !== status) problems.push(`statusCode ${String(body.statusCode)}`);
  if (body.error !== STATUS_CODES[status]) problems.push(`error "${String(body.error)}", expected "${STATUS_CODES[status]}"`);
  const message = body.message;
  const messageOk = typeof message === 'string' || (Array.isArray(message) && message.every((m) => typeof m === 'string'));
  if (!messageOk) problems.push('message is neither a string nor an array of strings');
  const { task: _task, ...rest } = body;
  const leak = internals.find((pattern) => pattern.test(JSON.stringify(rest)));
  if (leak) problems.push(`leaks internals (${leak})`);
  if (!String(answer.headers.get('content-type')).startsWith('application/json')) problems.push('not application/json');
  return problems;
}

function messages(answer: HttpAnswer): string[] {
  const message = (answer.body as { message?: unknown } | null)?.message;
  return Array.isArray(message) ? message.map(String) : [String(message)];
}

expect.extend({
  toHaveStatus(answer: HttpAnswer, status: number) {
    return {
      pass: answer.status === status,
      message: () => `expected status ${this.isNot ? 'not ' : ''}${status}, got ${show(answer)}`,
    };
  },

  /** An error answer of the contract's shape; `message` (text or pattern) must match one of its messages. */
  toBeErrorAnswer(answer: HttpAnswer, status: number, message?: string | RegExp) {
    const problems = errorProblems(answer, status, status === 409 && !!answer.body?.task);
    if (message !== undefined) {
      const matches = messages(answer).some((m) => (typeof message === 'string' ? m === message : message.test(m)));
      if (!matches) problems.push(`no message matches ${String(message)}`);
    }
    return { pass: problems.length === 0, message: () => `${problems.join('; ') || 'is an error answer'}: ${show(answer)}` };
  },

  /** A 400 whose `message` is an array with an entry that names `field`. */
  toBeValidationErrorFor(answer: HttpAnswer, field: string) {
    const problems = errorProblems(answer, 400, false);
    if (!Array.isArray(answer.body?.message)) problems.push('message is not an array');
    const named = messages(answer).some((m) => m === field || m.startsWith(`${field} `) || m.includes(`property ${field} `));
    if (!named) problems.push(`no message names "${field}"`);
    return { pass: problems.length === 0, message: () => `${problems.join('; ') || 'is a validation error'}: ${show(answer)}` };
  },
});

declare global {
  // Jest's matcher types live in this global namespace; extending them is the documented way.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveStatus(status: number): R;
      toBeErrorAnswer(status: number, message?: string | RegExp): R;
      toBeValidationErrorFor(field: string): R;
    }
  }
}

/** ISO-8601 UTC with milliseconds, as every time in an answer is written. */
export const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
