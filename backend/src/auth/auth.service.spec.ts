import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { createTestApp, TestApp } from '../../test/test-app';

describe('AuthService', () => {
  let app: TestApp;
  beforeAll(async () => (app = await createTestApp()));
  afterAll(() => app.close());

  const credentials = (email: string) => ({ email, password: 'correct horse battery', name: 'Ada' });

  it('stores an argon2id hash, never the password', async () => {
    const session = await app.auth.register(credentials('hash@example.com'));
    const [row] = await app.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = :id', { id: session.user.id });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
    expect(session).toMatchObject({ user: { email: 'hash@example.com', name: 'Ada' }, expires_in: 900 });
  });

  it('refuses a second registration of the same email', async () => {
    await app.auth.register(credentials('twice@example.com'));
    await expect(app.auth.register(credentials('twice@example.com'))).rejects.toBeInstanceOf(ConflictException);
  });

  it('answers unknown email and wrong password with the same message', async () => {
    await app.auth.register(credentials('login@example.com'));
    const unknown = await app.auth.login({ email: 'nobody@example.com', password: 'whatever1' }).catch((e) => e);
    const wrong = await app.auth.login({ email: 'login@example.com', password: 'whatever1' }).catch((e) => e);
    expect(unknown).toBeInstanceOf(UnauthorizedException);
    expect(wrong).toBeInstanceOf(UnauthorizedException);
    expect(unknown.message).toBe(wrong.message);
    await expect(app.auth.login({ email: 'login@example.com', password: 'correct horse battery' })).resolves.toHaveProperty('access_token');
  });

  it('stores refresh tokens hashed and rotates them', async () => {
    const first = await app.auth.register(credentials('rotate@example.com'));
    const [id, secret] = first.refresh_token.split('.');
    const [row] = await app.db.query<{ secret_hash: string }>('SELECT secret_hash FROM refresh_tokens WHERE id = :id', { id });
    expect(row.secret_hash).not.toContain(secret);
    const second = await app.auth.refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(app.tokens.verify(second.access_token).userId).toBe(first.user.id);
  });

  it('revokes the whole family when a spent refresh token is presented again', async () => {
    const first = await app.auth.register(credentials('reuse@example.com'));
    const second = await app.auth.refresh(first.refresh_token);
    await expect(app.auth.refresh(first.refresh_token)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(app.auth.refresh(second.refresh_token)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const first = await app.auth.register(credentials('race@example.com'));
    const results = await Promise.allSettled([app.auth.refresh(first.refresh_token), app.auth.refresh(first.refresh_token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('logs out by revoking the family, and ignores unknown tokens', async () => {
    const session = await app.auth.register(credentials('logout@example.com'));
    await app.auth.logout(session.refresh_token);
    await expect(app.auth.refresh(session.refresh_token)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(app.auth.logout('unknown.token')).resolves.toBeUndefined();
  });
});
