/** Operations endpoints: liveness, readiness, Prometheus metrics, the OpenAPI UI and document; unknown routes. */
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import './helpers/answers';
import { aTask } from '../support/builders';

let server: RunningServer;
let sut: Api;
let user: TestUser;

beforeAll(async () => {
  server = await startServer();
  sut = new Api(server.url);
  user = await sut.register();
});
afterAll(() => server?.dispose());

describe('health', () => {
  it('GET /health answers 200 {status: ok} without a token', async () => {
    const answer = await sut.request('GET', '/health');

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 with the database up, without a token', async () => {
    const answer = await sut.request('GET', '/health/ready');

    expect(answer).toHaveStatus(200);
    expect(answer.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('is not under /api', async () => {
    expect(await sut.request('GET', '/api/health')).toBeErrorAnswer(404);
  });
});

describe('GET /metrics', () => {
  it('answers Prometheus text without a token, counting requests by route pattern, never by raw URL', async () => {
    const task = await sut.createTask(user, aTask());
    await sut.request('GET', `/api/tasks/${task.id}`, { token: user.token });

    const answer = await sut.request('GET', '/metrics');

    expect(answer).toHaveStatus(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = String(answer.body);
    expect(text).toMatch(/^# HELP taskpulse_http_requests_total /m);
    expect(text).toMatch(/^# TYPE taskpulse_http_requests_total counter$/m);
    expect(text).toMatch(/^taskpulse_http_requests_total\{[^}]*method="GET"[^}]*\} \d+$/m);
    expect(text).toMatch(/^taskpulse_http_request_duration_seconds_bucket\{/m);
    expect(text).toMatch(/^taskpulse_process_cpu_user_seconds_total /m);
    expect(text).not.toContain(task.id);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? -?(\d+(\.\d+)?(e[+-]?\d+)?|NaN|\+Inf|-Inf)$/);
    }
  });
});

describe('OpenAPI', () => {
  it('GET /api/docs serves the UI as HTML without a token', async () => {
    const response = await fetch(`${server.url}/api/docs`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/swagger/i);
  });

  it('GET /api/docs-json is an OpenAPI document listing every endpoint of the contract', async () => {
    const answer = await sut.request('GET', '/api/docs-json');

    expect(answer).toHaveStatus(200);
    expect(answer.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(answer.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/auth/register',
        'POST /api/auth/login',
        'POST /api/auth/refresh',
        'POST /api/auth/logout',
        'GET /api/auth/me',
        'GET /api/users',
        'GET /api/tasks',
        'POST /api/tasks',
        'GET /api/tasks/{id}',
        'PATCH /api/tasks/{id}',
        'DELETE /api/tasks/{id}',
        'GET /api/tasks/{id}/shares',
        'POST /api/tasks/{id}/shares',
        'DELETE /api/tasks/{id}/shares/{userId}',
        'POST /api/teams',
        'GET /api/teams',
        'POST /api/teams/{id}/members',
        'DELETE /api/teams/{id}/members/{userId}',
        'GET /api/dashboard/stats',
      ]),
    );
    expect(answer.body.components.securitySchemes).toHaveProperty('bearer');
  });
});

describe('unknown routes and methods', () => {
  it.each([
    ['GET', '/api/nothing-here'],
    ['PUT', '/api/tasks'],
    ['POST', '/api/dashboard/stats'],
  ])('%s %s answers 404 in the error shape', async (method, path) => {
    expect(await sut.request(method, path, { token: user.token, body: method === 'GET' ? undefined : {} })).toBeErrorAnswer(404);
  });
});
