import { randomUUID } from 'node:crypto';
import type { TaskDto } from '@taskpulse/contract';
import { aTask, anEmail } from './builders';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
  refreshToken: string;
}

/** A tiny HTTP client for the suites: JSON in, `{status, body, headers}` out, never throws on a status. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async register(overrides: Partial<{ email: string; password: string; name: string }> = {}): Promise<TestUser> {
    const email = overrides.email ?? anEmail('user');
    const password = overrides.password ?? 'correct horse battery';
    const name = overrides.name ?? `User ${email.slice(5, 11)}`;
    const answer = await this.request('POST', '/api/auth/register', { body: { email, password, name } });
    if (answer.status !== 201) throw new Error(`register failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return {
      id: answer.body.user.id,
      email: answer.body.user.email,
      name,
      password,
      token: answer.body.access_token,
      refreshToken: answer.body.refresh_token,
    };
  }

  async createTask(user: TestUser, body: Record<string, unknown> = {}, mutationId?: string): Promise<TaskDto> {
    const answer = await this.request<TaskDto>('POST', '/api/tasks', {
      token: user.token,
      body: { ...aTask(), ...body },
      headers: mutationId ? { 'x-mutation-id': mutationId } : {},
    });
    if (answer.status !== 201) throw new Error(`create task failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async createTeam(user: TestUser, name = `Team ${randomUUID().slice(0, 6)}`): Promise<{ id: string; name: string }> {
    const answer = await this.request('POST', '/api/teams', { token: user.token, body: { name } });
    if (answer.status !== 201) throw new Error(`create team failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async addMember(admin: TestUser, teamId: string, member: TestUser, role: 'member' | 'admin' = 'member'): Promise<void> {
    const answer = await this.request('POST', `/api/teams/${teamId}/members`, { token: admin.token, body: { email: member.email, role } });
    if (answer.status !== 201) throw new Error(`add member failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  async share(owner: TestUser, taskId: string, user: TestUser, permission: 'view' | 'edit'): Promise<void> {
    const answer = await this.request('POST', `/api/tasks/${taskId}/shares`, {
      token: owner.token,
      body: { email: user.email, permission },
    });
    if (answer.status !== 201) throw new Error(`share failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Every task the user can see, following cursors. */
  async allTasks(user: TestUser): Promise<{ items: TaskDto[]; seq: number }> {
    const items: TaskDto[] = [];
    let cursor: string | null = null;
    let seq = 0;
    do {
      const query: string = `/api/tasks?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await this.request('GET', query, { token: user.token });
      if (answer.status !== 200) throw new Error(`list failed: ${answer.status}`);
      items.push(...answer.body.items);
      cursor = answer.body.next_cursor;
      if (!seq) seq = answer.body.seq;
    } while (cursor);
    return { items, seq };
  }
}
