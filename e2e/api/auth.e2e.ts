/** Auth over HTTP: register, login, refresh rotation and reuse detection, logout, /me, user lookup, token checks. */
import { randomUUID } from 'node:crypto';
import { Api, TestUser } from '../support/api';
import { RunningServer, startServer } from '../support/server';
import { uuidPattern } from './helpers/answers';
import { repeat } from './helpers/builders';
import { anEmail } from '../support/builders';
import { decodeJwt, signJwt } from '@taskpulse/test-support';

const jwtSecret = `auth-e2e-${randomUUID()}`;
let server: RunningServer;
let sut: Api;

beforeAll(async () => {
  server = await startServer({ env: { JWT_SECRET: jwtSecret } });
  sut = new Api(server.url);
});
afterAll(() => server?.dispose());

const register = (body: Record<string, unknown>) => sut.request('POST', '/api/auth/register', { body });
const login = (body: Record<string, unknown>) => sut.request('POST', '/api/auth/login', { body });
const refresh = (refresh_token: unknown) => sut.request('POST', '/api/auth/refresh', { body: { refresh_token } });
const logout = (refresh_token: unknown) => sut.request('POST', '/api/auth/logout', { body: { refresh_token } });
const me = (token?: string, headers: Record<string, string> = {}) => sut.request('GET', '/api/auth/me', { token, headers });

function expectSession(body: any, user: { email: string; name: string }): void {
  expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'user']);
  expect(body.user).toEqual({ id: expect.stringMatching(uuidPattern), email: user.email, name: user.name });
  expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(body.refresh_token).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);
  expect(body.expires_in).toBe(900);
}

describe('POST /api/auth/register', () => {
  it('answers 201 with the user, a token pair and the access lifetime; email is trimmed and lower-cased, name trimmed', async () => {
    const email = anEmail('Ada').toUpperCase();

    const answer = await register({ email: `  ${email} `, password: 'correct horse', name: '  Ada Park ' });

    expect(answer).toHaveStatus(201);
    expectSession(answer.body, { email: email.toLowerCase(), name: 'Ada Park' });
  });

  it('issues an HS256 access token whose sub is the user id and whose lifetime is 15 minutes', async () => {
    const answer = await register({ email: anEmail(), password: 'correct horse', name: 'Jwt' });

    const { header, claims } = decodeJwt(answer.body.access_token);
    expect(header.alg).toBe('HS256');
    expect(claims.sub).toBe(answer.body.user.id);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(Math.abs(Number(claims.exp) * 1000 - (Date.now() + 900_000))).toBeLessThan(10_000);
  });

  it('refuses an email that is already registered, in any case: 409', async () => {
    const email = anEmail('dup');
    await sut.register({ email });

    const again = await register({ email: ` ${email.toUpperCase()}`, password: 'another password', name: 'Twin' });

    expect(again).toBeErrorAnswer(409, /already registered/);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: undefined }],
    ['password', { password: repeat(7) }],
    ['password', { password: repeat(129) }],
    ['password', { password: 12345678 }],
    ['name', { name: '' }],
    ['name', { name: '   ' }],
    ['name', { name: repeat(81) }],
    ['role', { role: 'admin' }],
  ])('answers 400 naming %s for %j', async (field, overrides) => {
    const answer = await register({ email: anEmail(), password: 'correct horse', name: 'Valid', ...overrides });

    expect(answer).toBeValidationErrorFor(field);
  });

  it('accepts the boundaries: password of 8 and of 128 characters, name of 80', async () => {
    expect(await register({ email: anEmail(), password: repeat(8), name: repeat(80, 'n') })).toHaveStatus(201);
    expect(await register({ email: anEmail(), password: repeat(128), name: 'N' })).toHaveStatus(201);
  });
});

describe('POST /api/auth/login', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await sut.register({ email: anEmail('login'), password: 'the right password', name: 'Logan' });
  });

  it('answers 200 with the register shape, whatever the case and spacing of the email', async () => {
    const answer = await login({ email: ` ${user.email.toUpperCase()} `, password: 'the right password' });

    expect(answer).toHaveStatus(200);
    expectSession(answer.body, { email: user.email, name: 'Logan' });
    expect(answer.body.user.id).toBe(user.id);
    expect(answer.body.refresh_token).not.toBe(user.refreshToken);
  });

  it('answers 401 with the same message for a wrong password and for an unknown email', async () => {
    const wrongPassword = await login({ email: user.email, password: 'not the password' });
    const unknownEmail = await login({ email: anEmail('nobody'), password: 'the right password' });

    expect(wrongPassword).toBeErrorAnswer(401);
    expect(unknownEmail).toBeErrorAnswer(401);
    expect(unknownEmail.body.message).toBe(wrongPassword.body.message);
    expect(JSON.stringify(wrongPassword.body)).not.toMatch(/password is|no such|not found|unknown/i);
  });

  it.each([
    ['password', { email: 'x@example.com' }],
    ['email', { password: 'something long' }],
    ['extra', { email: 'x@example.com', password: 'something long', extra: 1 }],
  ])('answers 400 naming %s', async (field, body) => {
    expect(await login(body)).toBeValidationErrorFor(field);
  });
});

describe('POST /api/auth/refresh', () => {
  it('answers 200 with a new pair that works; the presented token is spent', async () => {
    const user = await sut.register();

    const answer = await refresh(user.refreshToken);

    expect(answer).toHaveStatus(200);
    expectSession(answer.body, { email: user.email, name: user.name });
    expect(answer.body.refresh_token).not.toBe(user.refreshToken);
    expect(await me(answer.body.access_token)).toHaveStatus(200);
    expect(await refresh(user.refreshToken)).toBeErrorAnswer(401);
  });

  it('revokes the whole family when a spent token is presented again: the newest token is refused too', async () => {
    const user = await sut.register();
    const rotated = await refresh(user.refreshToken);
    expect(rotated).toHaveStatus(200);

    expect(await refresh(user.refreshToken)).toBeErrorAnswer(401);

    expect(await refresh(rotated.body.refresh_token)).toBeErrorAnswer(401);
  });

  it('leaves the other sessions of the same user alone when one family is revoked', async () => {
    const user = await sut.register();
    const otherSession = await login({ email: user.email, password: user.password });
    await refresh(user.refreshToken);
    await refresh(user.refreshToken);

    const answer = await refresh(otherSession.body.refresh_token);

    expect(answer).toHaveStatus(200);
  });

  it.each([
    ['an unknown token', `${randomUUID()}.c2VjcmV0`],
    ['a token without a secret', randomUUID()],
    ['a known id with a wrong secret', null],
  ])('answers 401 for %s', async (_, token) => {
    const user = await sut.register();
    const presented = token ?? `${user.refreshToken.split('.')[0]}.wrong-secret`;

    expect(await refresh(presented)).toBeErrorAnswer(401);
    if (token === null) expect(await refresh(user.refreshToken)).toHaveStatus(200);
  });

  it.each([
    ['refresh_token', {}],
    ['refresh_token', { refresh_token: 42 }],
    ['refresh_token', { refresh_token: '' }],
    ['access_token', { refresh_token: 'a.b', access_token: 'x' }],
  ])('answers 400 naming %s for %j', async (field, body) => {
    expect(await sut.request('POST', '/api/auth/refresh', { body })).toBeValidationErrorFor(field);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 204 without an access token, after which the refresh token is refused', async () => {
    const user = await sut.register();

    const answer = await logout(user.refreshToken);

    expect(answer).toHaveStatus(204);
    expect(answer.body).toBeNull();
    expect(await refresh(user.refreshToken)).toBeErrorAnswer(401);
  });

  it('revokes the family: a token rotated before the logout is refused after it', async () => {
    const user = await sut.register();
    const rotated = await refresh(user.refreshToken);

    expect(await logout(user.refreshToken)).toHaveStatus(204);

    expect(await refresh(rotated.body.refresh_token)).toBeErrorAnswer(401);
  });

  it('is idempotent: an unknown or already revoked token still answers 204', async () => {
    const user = await sut.register();
    expect(await logout(user.refreshToken)).toHaveStatus(204);

    expect(await logout(user.refreshToken)).toHaveStatus(204);
    expect(await logout(`${randomUUID()}.whatever`)).toHaveStatus(204);
    expect(await logout('no-dot-at-all')).toHaveStatus(204);
  });

  it('answers 400 without a refresh_token', async () => {
    expect(await sut.request('POST', '/api/auth/logout', { body: {} })).toBeValidationErrorFor('refresh_token');
  });
});

describe('GET /api/auth/me and the access token check', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await sut.register({ name: 'Me Myself' });
  });

  it('answers 200 with exactly {id, email, name}', async () => {
    const answer = await me(user.token);

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual({ id: user.id, email: user.email, name: 'Me Myself' });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const live = () => ({ sub: user.id, iat: now(), exp: now() + 60 });
  it.each<[string, () => Record<string, string>, RegExp]>([
    ['no Authorization header', () => ({}), /missing/i],
    ['a Basic scheme', () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), /missing/i],
    ['"Bearer" alone', () => ({ authorization: 'Bearer' }), /missing/i],
    ['a garbage token', () => ({ authorization: 'Bearer not.a.jwt' }), /invalid/i],
    ['a token signed with another secret', () => bearer(signJwt(live(), { secret: 'another-secret-0123456789-0123456789' })), /invalid/i],
    ['an unsigned alg:none token', () => bearer(signJwt(live(), { alg: 'none' })), /invalid/i],
    ['a token without sub', () => bearer(signJwt({ iat: now(), exp: now() + 60 }, { secret: jwtSecret })), /invalid/i],
    ['a token without exp', () => bearer(signJwt({ sub: user.id, iat: now() }, { secret: jwtSecret })), /invalid/i],
    ['an expired token', () => bearer(signJwt({ sub: user.id, iat: now() - 120, exp: now() - 60 }, { secret: jwtSecret })), /expired/i],
  ])('answers 401 for %s', async (_, headers, message) => {
    expect(await me(undefined, headers())).toBeErrorAnswer(401, message);
  });

  it('accepts a token the test signed with the server secret (the check is the signature, not a session)', async () => {
    const token = signJwt(live(), { secret: jwtSecret });

    expect(await me(token)).toHaveStatus(200);
  });
});

describe('GET /api/users?email=', () => {
  let caller: TestUser;
  let target: TestUser;
  beforeAll(async () => {
    caller = await sut.register();
    target = await sut.register({ email: anEmail('findme'), name: 'Find Me' });
  });
  const lookup = (query: string, token = caller.token) => sut.request('GET', `/api/users${query}`, { token });

  it('answers [{id, email, name}] for an exact match, in any case', async () => {
    const answer = await lookup(`?email=${encodeURIComponent(target.email.toUpperCase())}`);

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual([{ id: target.id, email: target.email, name: 'Find Me' }]);
  });

  it.each([
    ['a prefix', (email: string) => email.slice(0, 12)],
    ['the domain', () => 'example.com'],
    ['a like-pattern', () => '%'],
    ['the local part', (email: string) => email.split('@')[0]],
    ['an unknown address', () => 'nobody-here@example.com'],
  ])('answers [] for %s', async (_, partial) => {
    const answer = await lookup(`?email=${encodeURIComponent(partial(target.email))}`);

    expect(answer).toHaveStatus(200);
    expect(answer.body).toEqual([]);
  });

  it('answers 400 without email and for an unknown query parameter', async () => {
    expect(await lookup('')).toBeValidationErrorFor('email');
    expect(await lookup(`?email=${encodeURIComponent(target.email)}&name=x`)).toBeValidationErrorFor('name');
  });

  it('answers 401 without a token', async () => {
    expect(await sut.request('GET', `/api/users?email=${encodeURIComponent(target.email)}`)).toBeErrorAnswer(401);
  });
});

describe('what is stored', () => {
  it('never answers a password or its hash', async () => {
    const password = 'a very secret phrase';
    const user = await sut.register({ password });
    const answers = [
      await login({ email: user.email, password }),
      await me(user.token),
      await sut.request('GET', `/api/users?email=${encodeURIComponent(user.email)}`, { token: user.token }),
    ];

    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toMatch(/password|argon|\$2[aby]\$/i);
  });
});
