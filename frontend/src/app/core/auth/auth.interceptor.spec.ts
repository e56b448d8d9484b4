import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MUTATION_ID_HEADER, mutationIdInterceptor } from '../api/mutation-id.interceptor';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const USER = { id: 'user-me', email: 'me@example.com', name: 'Me' };

function tokens(access: string, refresh: string) {
  return { user: USER, access_token: access, refresh_token: refresh, expires_in: 900 };
}

function setup() {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([{ path: 'login', children: [] }]),
      provideHttpClient(withInterceptors([mutationIdInterceptor, authInterceptor])),
      provideHttpClientTesting(),
    ],
  });
  const auth = TestBed.inject(AuthService);
  const backend = TestBed.inject(HttpTestingController);
  auth.login({ email: USER.email, password: 'secret-password' }).subscribe();
  backend.expectOne('/api/auth/login').flush(tokens('access-1', 'refresh-1'));
  // The interceptor runs inside HttpClient: the client wired with it is what is under test.
  return { sut: TestBed.inject(HttpClient), auth, backend };
}

describe('authInterceptor', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    localStorage.clear();
  });

  it('sends the in-memory access token as a bearer token on /api requests', () => {
    const { sut, backend } = setup();

    sut.get('/api/tasks').subscribe();

    const request = backend.expectOne('/api/tasks');
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-1');
    request.flush({ items: [], next_cursor: null, seq: 0 });
  });

  it('keeps the access token out of localStorage and the refresh token in it', () => {
    setup();

    expect(JSON.stringify(localStorage)).not.toContain('access-1');
    expect(localStorage.getItem('taskpulse.refresh_token')).toBe('refresh-1');
  });

  it('on a 401 refreshes with the stored refresh token, stores the rotated one and retries with the new token', () => {
    const { sut, backend } = setup();
    let answer: unknown;

    sut.get('/api/tasks').subscribe((body) => (answer = body));
    backend.expectOne('/api/tasks').flush({ message: 'expired' }, { status: 401, statusText: 'Unauthorized' });
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refresh_token: 'refresh-1' });
    refresh.flush(tokens('access-2', 'refresh-2'));
    const retry = backend.expectOne('/api/tasks');
    retry.flush({ items: [], next_cursor: null, seq: 7 });

    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    expect(answer).toEqual({ items: [], next_cursor: null, seq: 7 });
    expect(localStorage.getItem('taskpulse.refresh_token')).toBe('refresh-2');
  });

  it('shares one refresh between concurrent requests that all got a 401', () => {
    const { sut, backend } = setup();
    const answers: unknown[] = [];

    sut.get('/api/tasks').subscribe((body) => answers.push(body));
    sut.get('/api/teams').subscribe((body) => answers.push(body));
    sut.get('/api/dashboard/stats').subscribe((body) => answers.push(body));
    for (const url of ['/api/tasks', '/api/teams', '/api/dashboard/stats']) {
      backend.expectOne(url).flush(null, { status: 401, statusText: 'Unauthorized' });
    }
    backend.expectOne('/api/auth/refresh').flush(tokens('access-2', 'refresh-2'));
    for (const url of ['/api/tasks', '/api/teams', '/api/dashboard/stats']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({ url });
    }

    expect(answers).toHaveLength(3);
  });

  it('keeps the same X-Mutation-Id when a mutation is retried after a refresh', () => {
    const { sut, backend } = setup();

    sut.post('/api/tasks', { title: 'x' }).subscribe();
    const first = backend.expectOne('/api/tasks');
    const mutationId = first.request.headers.get(MUTATION_ID_HEADER);
    first.flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(tokens('access-2', 'refresh-2'));
    const retry = backend.expectOne('/api/tasks');
    retry.flush({});

    expect(mutationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry.request.headers.get(MUTATION_ID_HEADER)).toBe(mutationId);
  });

  it('ends the session and passes the error on when the refresh is refused', () => {
    const { sut, auth, backend } = setup();
    let signedOut = false;
    let failure: unknown;
    auth.signedOut$.subscribe(() => (signedOut = true));

    sut.get('/api/tasks').subscribe({ error: (error: unknown) => (failure = error) });
    backend.expectOne('/api/tasks').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend
      .expectOne('/api/auth/refresh')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Refresh token reused' }, { status: 401, statusText: 'Unauthorized' });

    expect(failure).toEqual(expect.objectContaining({ status: 401 }));
    expect(signedOut).toBe(true);
    expect(auth.user()).toBeNull();
    expect(auth.accessToken()).toBeNull();
    expect(localStorage.getItem('taskpulse.refresh_token')).toBeNull();
  });

  it('does not refresh for errors other than 401', () => {
    const { sut, backend } = setup();
    let failure: unknown;

    sut.get('/api/tasks').subscribe({ error: (error: unknown) => (failure = error) });
    backend.expectOne('/api/tasks').flush(null, { status: 403, statusText: 'Forbidden' });

    backend.expectNone('/api/auth/refresh');
    expect(failure).toEqual(expect.objectContaining({ status: 403 }));
  });

  it('leaves non-API requests alone', () => {
    const { sut, backend } = setup();

    sut.get('/health').subscribe();

    const request = backend.expectOne('/health');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush('ok');
  });
});
