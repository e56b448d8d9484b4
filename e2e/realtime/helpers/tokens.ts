import { createHmac } from 'node:crypto';

/** The secret support/server.ts gives every server it starts. */
export const E2E_JWT_SECRET = 'e2e-secret-0123456789-0123456789-0123456789';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so tests can forge every kind of bad token the server must refuse. */
export function signJwt(
  payload: Record<string, unknown>,
  options: { secret?: string; alg?: 'HS256' | 'HS512' | 'none' } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const head = `${part({ alg, typ: 'JWT' })}.${part(payload)}`;
  if (alg === 'none') return `${head}.`;
  const hash = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${head}.${createHmac(hash, options.secret ?? E2E_JWT_SECRET).update(head).digest('base64url')}`;
}

/** A valid access token for `userId` that expires in `ttlSeconds`. */
export function tokenFor(userId: string, ttlSeconds = 600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ sub: userId, iat: now, exp: now + ttlSeconds });
}

/** Every kind of token the handshake must refuse with 4401, by name. */
export function badTokens(userId: string, validToken: string): Record<string, string | null> {
  const now = Math.floor(Date.now() / 1000);
  const [header, , signature] = validToken.split('.');
  const otherUser = '00000000-0000-4000-8000-000000000000';
  return {
    missing: null,
    empty: '',
    malformed: 'not-a-jwt',
    'wrong signature': signJwt({ sub: userId, iat: now, exp: now + 600 }, { secret: 'another-secret-0123456789-0123456789-0123' }),
    'alg none': signJwt({ sub: userId, iat: now, exp: now + 600 }, { alg: 'none' }),
    'alg HS512': signJwt({ sub: userId, iat: now, exp: now + 600 }, { alg: 'HS512' }),
    'tampered payload': `${header}.${part({ sub: otherUser, iat: now, exp: now + 600 })}.${signature}`,
    expired: signJwt({ sub: userId, iat: now - 120, exp: now - 60 }),
    'no subject': signJwt({ iat: now, exp: now + 600 }),
  };
}
