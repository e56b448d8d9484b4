import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from '../auth/token-verifier';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { clientAddress, compileTrustProxy, type TrustProxy } from '../platform/http/client-address';
import { ConnectionAttempts } from './connection-attempts';
import { ConnectionRegistry } from './connection-registry';
import { SessionRevocations } from './session-revocations.service';
import { closeCodes } from '@taskpulse/contract';

export type Admission =
  | { accepted: true; token: VerifiedToken; since: string | null }
  /** `holdMs`: keep the refused socket that long before closing it, so a client reconnecting at once is slowed down. */
  | { accepted: false; code: number; reason: string; holdMs?: number };

/** How long an attempt past the attempt limits waits for its 1013: a reconnect loop then costs the server little. */
const ATTEMPT_REFUSAL_HOLD_MS = 1000;

/** The close reason of a refused attempt: the client backs off at least `retry_after` seconds. */
const tooManyAttempts = (seconds: number) => `too many connection attempts; retry_after=${seconds}`;

/**
 * Decides whether an upgraded socket may stay, before anything is sent on it: its Origin (1008), the connection
 * attempts of its client address (1013), its token (4401, checked by the same TokenVerifier as every HTTP request;
 * an ended session too), its user's connection attempts and open connections (1013). Attempts are counted before
 * anything costly, so a client reconnecting in a loop is turned away cheaply, with a retry hint in the reason.
 * A request without an Origin header (a non-browser client) is allowed; so is the server's own origin.
 */
@Injectable()
export class ConnectionAdmission {
  private readonly attempts: ConnectionAttempts;
  private readonly trust: TrustProxy;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly registry: ConnectionRegistry,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.attempts = new ConnectionAttempts(config.wsConnectWindowMs);
    this.trust = compileTrustProxy(config.trustProxy);
  }

  admit(request: IncomingMessage): Admission {
    if (!this.originAllowed(request)) return { accepted: false, code: closeCodes.POLICY_VIOLATION, reason: 'origin not allowed' };
    const address = clientAddress(request, this.trust);
    const addressWait = this.attempts.hit(`address:${address}`, this.config.wsConnectRateLimitPerAddress);
    if (addressWait !== null) return this.tooManyAttempts(addressWait);
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    let token: VerifiedToken;
    try {
      token = this.verifier.verify(query.get('token') ?? undefined);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return { accepted: false, code: closeCodes.TOKEN_INVALID, reason: error.reason === 'expired' ? 'token expired' : 'invalid token' };
    }
    const userWait = this.attempts.hit(`user:${token.userId}`, this.config.wsConnectRateLimit);
    if (userWait !== null) return this.tooManyAttempts(userWait);
    if (this.revocations.isEnded(token.sessionId)) return { accepted: false, code: closeCodes.TOKEN_INVALID, reason: 'session ended' };
    if (this.registry.countFor(token.userId) >= this.config.wsMaxConnectionsPerUser) {
      return { accepted: false, code: closeCodes.TRY_AGAIN_LATER, reason: 'too many connections' };
    }
    return { accepted: true, token, since: query.get('since') };
  }

  private tooManyAttempts(retryAfterSeconds: number): Admission {
    return {
      accepted: false,
      code: closeCodes.TRY_AGAIN_LATER,
      reason: tooManyAttempts(retryAfterSeconds),
      holdMs: ATTEMPT_REFUSAL_HOLD_MS,
    };
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (this.config.corsOrigins.length === 0 || origin === undefined) return true;
    if (this.config.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
}
