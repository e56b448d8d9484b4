import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { within } from '../../../testing/within';
import { AuthService } from './auth.service';

const USER = { id: 'user-me', email: 'me@example.com', name: 'Me' };
const REFRESH_KEY = 'taskpulse.refresh_token';

function tokens(access: string, refresh: string, expiresIn = 900) {
  return { user: USER, access_token: access, refresh_token: refresh, expires_in: expiresIn };
}

function setup() {
  TestBed.configureTestingModule({
    providers: [provideRouter([{ path: 'login', children: [] }]), provideHttpClient(), provideHttpClientTesting()],
  });
  return { sut: TestBed.inject(AuthService), backend: TestBed.inject(HttpTestingController) };
}

describe('AuthService', () => {
  beforeEach(() => localStorage.clear());

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.resetTestingModule();
    jest.useRealTimers();
    localStorage.clear();
  });

  it('refreshes 60 s before the access token expires and announces the new token', () => {
    jest.useFakeTimers();
    const { sut, backend } = setup();
    const announced: string[] = [];
    sut.tokenRefreshed$.subscribe((token) => announced.push(token));
    sut.login({ email: USER.email, password: 'secret-password' }).subscribe();
    backend.expectOne('/api/auth/login').flush(tokens('access-1', 'refresh-1', 900));

    jest.advanceTimersByTime(839_999);
    backend.expectNone('/api/auth/refresh');
    jest.advanceTimersByTime(1);
    backend.expectOne('/api/auth/refresh').flush(tokens('access-2', 'refresh-2', 900));

    expect(sut.accessToken()).toBe('access-2');
    expect(announced).toEqual(['access-2']);
  });

  it('without an answer from the server, opens the stored session with its kept profile and no token', async () => {
    localStorage.setItem(REFRESH_KEY, 'refresh-stored');
    localStorage.setItem('taskpulse.user', JSON.stringify(USER));
    const { sut, backend } = setup();

    const restored = sut.restoreSession();
    await Promise.resolve();
    backend.expectOne('/api/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    await within(restored, 1000, 'the session to open offline');

    expect(sut.user()).toEqual(USER);
    expect(sut.accessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-stored');
  });

  it('opens a stored session at once, without a request, when the browser is offline', async () => {
    localStorage.setItem(REFRESH_KEY, 'refresh-stored');
    localStorage.setItem('taskpulse.user', JSON.stringify(USER));
    const onLine = jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    const { sut, backend } = setup();

    await within(sut.restoreSession(), 1000, 'the session to open offline');

    backend.expectNone('/api/auth/refresh');
    expect(sut.user()).toEqual(USER);
    onLine.mockRestore();
  });

  it('keeps the profile of a session so it can open offline later', () => {
    const { sut, backend } = setup();
    sut.login({ email: USER.email, password: 'secret-password' }).subscribe();
    backend.expectOne('/api/auth/login').flush(tokens('access-1', 'refresh-1'));

    expect(JSON.parse(localStorage.getItem('taskpulse.user') ?? 'null')).toEqual(USER);
  });

  it('restores a session from the stored refresh token at start-up', async () => {
    localStorage.setItem(REFRESH_KEY, 'refresh-stored');
    const { sut, backend } = setup();

    const restored = sut.restoreSession();
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refresh_token: 'refresh-stored' });
    refresh.flush(tokens('access-1', 'refresh-1'));
    await within(restored, 1000, 'the session to be restored');

    expect(sut.user()).toEqual(USER);
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-1');
  });

  it('forgets an invalid stored refresh token without throwing', async () => {
    localStorage.setItem(REFRESH_KEY, 'refresh-spent');
    const { sut, backend } = setup();

    const restored = sut.restoreSession();
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await within(restored, 1000, 'the failed restore to settle');

    expect(sut.user()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
  });

  it('signs out: revokes the refresh token on the server and forgets both tokens', () => {
    const { sut, backend } = setup();
    let signedOut = 0;
    sut.signedOut$.subscribe(() => signedOut++);
    sut.login({ email: USER.email, password: 'secret-password' }).subscribe();
    backend.expectOne('/api/auth/login').flush(tokens('access-1', 'refresh-1'));

    sut.signOut();

    const logout = backend.expectOne('/api/auth/logout');
    expect(logout.request.body).toEqual({ refresh_token: 'refresh-1' });
    logout.flush(null, { status: 204, statusText: 'No Content' });
    expect(signedOut).toBe(1);
    expect(sut.user()).toBeNull();
    expect(sut.accessToken()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
  });

  it('drops a refresh answer that arrives after sign-out: no token comes back, and its successor is logged out too', () => {
    const { sut, backend } = setup();
    const announced: string[] = [];
    sut.tokenRefreshed$.subscribe((token) => announced.push(token));
    sut.login({ email: USER.email, password: 'secret-password' }).subscribe();
    backend.expectOne('/api/auth/login').flush(tokens('access-1', 'refresh-1'));
    let refreshFailed = false;
    sut.refresh().subscribe({ error: () => (refreshFailed = true) });
    const refresh = backend.expectOne('/api/auth/refresh');

    sut.signOut();
    backend.expectOne((r) => r.url === '/api/auth/logout' && r.body.refresh_token === 'refresh-1').flush(null);
    refresh.flush(tokens('access-late', 'refresh-late'));

    expect(refreshFailed).toBe(true);
    expect(sut.accessToken()).toBeNull();
    expect(sut.user()).toBeNull();
    expect(localStorage.getItem(REFRESH_KEY)).toBeNull();
    expect(announced).toEqual([]);
    backend.expectOne((r) => r.url === '/api/auth/logout' && r.body.refresh_token === 'refresh-late').flush(null);
  });

  it('passes the server message of a failed sign-in on to the caller', () => {
    const { sut, backend } = setup();
    let failure: unknown;

    sut.login({ email: USER.email, password: 'wrong-password' }).subscribe({ error: (error: unknown) => (failure = error) });
    backend
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' }, { status: 401, statusText: 'Unauthorized' });

    expect(failure).toEqual(
      expect.objectContaining({ status: 401, error: expect.objectContaining({ message: 'Invalid email or password' }) }),
    );
    expect(sut.user()).toBeNull();
  });
});
