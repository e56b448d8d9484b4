/** JWTs built by hand, so specs and suites can forge every kind of token a verifier must refuse, or one it accepts. */
import { createHmac } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

/** HS256 (the server's) and HS512 sign with `secret`; `alg: 'none'` writes the token unsigned. */
export type JwtSignOptions = { secret: string; alg?: 'HS256' | 'HS512' } | { alg: 'none'; secret?: undefined };

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: JwtClaims, options: JwtSignOptions): string {
  const alg = options.alg ?? 'HS256';
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  if (options.alg === 'none') return `${unsigned}.`;
  const hash = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${unsigned}.${createHmac(hash, options.secret).update(unsigned).digest('base64url')}`;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; claims: JwtClaims } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((segment) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')));
  return { header, claims };
}

/** A valid access token for `userId`, signed with `secret`, that expires in `ttlSeconds`. */
export function tokenFor(userId: string, secret: string, ttlSeconds = 600): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ sub: userId, iat: now, exp: now + ttlSeconds }, { secret });
}

/** Every kind of token a verifier with `secret` must refuse, by name; `validToken` is one it issued for `userId`. */
export function badTokens(userId: string, validToken: string, secret: string): Record<string, string | null> {
  const now = Math.floor(Date.now() / 1000);
  const live = { sub: userId, iat: now, exp: now + 600 };
  const [header, , signature] = validToken.split('.');
  const otherUser = '00000000-0000-4000-8000-000000000000';
  return {
    missing: null,
    empty: '',
    malformed: 'not-a-jwt',
    'wrong signature': signJwt(live, { secret: 'another-secret-0123456789-0123456789-0123' }),
    'alg none': signJwt(live, { alg: 'none' }),
    'alg HS512': signJwt(live, { secret, alg: 'HS512' }),
    'tampered payload': `${header}.${part({ ...live, sub: otherUser })}.${signature}`,
    expired: signJwt({ sub: userId, iat: now - 120, exp: now - 60 }, { secret }),
    'no subject': signJwt({ iat: now, exp: now + 600 }, { secret }),
  };
}
