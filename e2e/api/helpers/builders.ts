/** Builders for request bodies and dates, so a test states only what matters to it. */
import { createHmac, randomUUID } from 'node:crypto';
import type { Api, TestUser } from '../../support/api';

let counter = 0;

export type TaskBody = {
  id?: string;
  title?: string;
  description?: string;
  priority?: 'low' | 'medium' | 'high';
  dueDate?: string | null;
  teamId?: string | null;
};

export function aTask(overrides: TaskBody = {}): TaskBody {
  counter += 1;
  return { title: `Task ${counter} ${randomUUID().slice(0, 6)}`, ...overrides };
}

export function anEmail(label = 'user'): string {
  return `${label}-${randomUUID()}@example.com`;
}

export function repeat(length: number, char = 'x'): string {
  return char.repeat(length);
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day `offsetDays` away from today. */
export function utcDay(offsetDays = 0, now = new Date()): string {
  return new Date(now.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** Signs a JWT with HS256 (or writes `alg: none` unsigned), for tokens the server must refuse. */
export function signJwt(claims: Record<string, unknown>, secret: string, alg: 'HS256' | 'none' = 'HS256'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  if (alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, claims };
}

/** Polls `check` until it returns true; fails naming what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The event-log head as a list answer reports it. */
export async function logHead(api: Api, user: TestUser): Promise<number> {
  const answer = await api.request('GET', '/api/tasks?limit=1', { token: user.token });
  if (answer.status !== 200) throw new Error(`list failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.seq;
}

/** Registers `count` users one after the other (registration hashes a password; keep the CPU calm). */
export async function registerUsers(api: Api, count: number, label = 'user'): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) users.push(await api.register({ email: anEmail(`${label}${i}`), name: `${label} ${i}` }));
  return users;
}
