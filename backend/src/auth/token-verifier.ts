import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';

export interface VerifiedToken {
  userId: string;
  /**
   * The session (refresh-token family) the token was issued for: ending the session refuses the token at once.
   * Null for a token without `sid`, which only a holder of the signing secret can make.
   */
  sessionId: string | null;
  /** Expiry in epoch milliseconds. */
  expiresAt: number;
}

/** Tokens already verified, so a client's every request does not check the same signature again. */
const VERIFIED_CACHE_SIZE = 10_000;

export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
  }
}

/**
 * Issues and checks access tokens (JWT, HS256 only, so `alg: none` and key-confusion tokens fail).
 * The one token check used by the HTTP guard, the WebSocket handshake and `WsJwtGuard`.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwt: JwtService;
  /**
   * Verified tokens by their exact text (signature included), oldest first: a hit still checks the expiry, and ending
   * the session is checked per request by the caller. Only this process's secret made them, and it lives as long.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a public key on every
    // verify (about 1 ms of CPU per request), before falling back to a secret key.
    const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    this.jwt = new JwtService({ secret: key as unknown as string });
  }

  sign(userId: string, sessionId: string): { token: string; expiresAt: number } {
    const expiresIn = Math.max(1, Math.round(this.config.jwtTtlMs / 1000));
    const token = this.jwt.sign({ sub: userId, sid: sessionId }, { algorithm: 'HS256', expiresIn });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: exp * 1000 };
  }

  /** Throws InvalidTokenError for anything but an unexpired HS256 token signed with our secret. */
  verify(token: unknown): VerifiedToken {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) throw new InvalidTokenError('missing');
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known;
      this.verified.delete(token);
      throw new InvalidTokenError('expired');
    }
    let claims: { sub?: unknown; exp?: unknown; sid?: unknown };
    try {
      claims = this.jwt.verify(token, { algorithms: ['HS256'] });
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error && error.name === 'TokenExpiredError' ? 'expired' : 'invalid');
    }
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw new InvalidTokenError('claims');
    if (claims.sid !== undefined && typeof claims.sid !== 'string') throw new InvalidTokenError('claims');
    const result: VerifiedToken = { userId: claims.sub, sessionId: claims.sid ?? null, expiresAt: claims.exp * 1000 };
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, result);
    return result;
  }
}
