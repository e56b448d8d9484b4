// Load generators for the scale phases: sequential timing of one request, and closed loops of concurrent clients
// (each keeps one request in flight). Plus the server's event-loop lag from /metrics.
import { createHmac } from 'node:crypto';
import { percentile } from '../clients';

export interface Answer {
  status: number;
  body: any;
}

/** One HTTP request with a JSON body; waits up to a minute, since an overloaded server is what the bench provokes. */
export async function call(
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer;
}

export interface Timing {
  p50: number;
  p95: number;
  samples: number[];
}

/**
 * Milliseconds of `count` sequential runs of `request`, after `warmUp` untimed ones. `settle`, when given, runs
 * untimed after each, so what a request sets off (a fan-out, say) is over before the next one is timed.
 */
export async function timeSequential(
  count: number,
  request: (i: number) => Promise<unknown>,
  warmUp = 3,
  settle?: (i: number) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < warmUp; i++) {
    await request(-1 - i);
    await settle?.(-1 - i);
  }
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await request(i);
    samples.push(performance.now() - started);
    await settle?.(i);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), samples };
}

export interface LoopOutcome {
  ok: number;
  failed: number;
  seconds: number;
  /** The first failure's reason, e.g. a connection the server reset while its event loop was blocked. */
  firstFailure: string | null;
}

/** `clients` loops, each sending `request` again as soon as its previous one answered, for `ms`. */
export async function closedLoop(
  clients: number,
  ms: number,
  request: (client: number, n: number) => Promise<boolean>,
): Promise<LoopOutcome> {
  const outcome: LoopOutcome = { ok: 0, failed: 0, seconds: 0, firstFailure: null };
  const started = performance.now();
  const deadline = started + ms;
  const fail = (reason: string) => {
    outcome.failed += 1;
    outcome.firstFailure ??= reason;
  };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          if (await request(client, n)) outcome.ok += 1;
          else fail('an answer other than 200');
        } catch (error) {
          const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
          fail(`${error instanceof Error ? error.message : String(error)}${cause}`);
        }
      }
    }),
  );
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

/**
 * p99 of the server's event-loop delay since the previous scrape, in ms. prom-client's default metrics read
 * `monitorEventLoopDelay` on each scrape and then reset it (prom-client/lib/metrics/eventLoopLag.js), so one scrape
 * right before a window and one right after it give that window's figure.
 */
export async function eventLoopLagP99(serverUrl: string): Promise<number> {
  const answer = expectStatus(await call(`${serverUrl}/metrics`), 200, 'GET /metrics');
  const line = /^taskpulse_nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(String(answer.body));
  if (!line) throw new Error('no taskpulse_nodejs_eventloop_lag_p99_seconds in /metrics');
  return Number(line[1]) * 1000;
}

/** The secret support/server.ts gives every server it starts. */
const JWT_SECRET = 'e2e-secret-0123456789-0123456789-0123456789';

/** An HS256 access token for a user seeded straight into the database (who has no password to log in with). */
export function forgeToken(userId: string, ttlSeconds = 3600): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, iat: now, exp: now + ttlSeconds })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
