import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from '../auth/token-verifier';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ConnectionRegistry } from './connection-registry';
import { SessionRevocations } from './session-revocations.service';
import { closeCodes } from '@taskpulse/contract';

export type Admission = { accepted: true; token: VerifiedToken; since: string | null } | { accepted: false; code: number; reason: string };

/**
 * Decides whether an upgraded socket may stay, before anything is sent on it: its Origin (1008), its token
 * (4401, checked by the same TokenVerifier as every HTTP request) and the per-user connection limit (1013).
 * A request without an Origin header (a non-browser client) is allowed; so is the server's own origin.
 */
@Injectable()
export class ConnectionAdmission {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly registry: ConnectionRegistry,
    private readonly revocations: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  admit(request: IncomingMessage): Admission {
    if (!this.originAllowed(request)) return { accepted: false, code: closeCodes.POLICY_VIOLATION, reason: 'origin not allowed' };
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    let token: VerifiedToken;
    try {
      token = this.verifier.verify(query.get('token') ?? undefined);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return { accepted: false, code: closeCodes.TOKEN_INVALID, reason: error.reason === 'expired' ? 'token expired' : 'invalid token' };
    }
    if (this.revocations.isEnded(token.sessionId)) return { accepted: false, code: closeCodes.TOKEN_INVALID, reason: 'session ended' };
    if (this.registry.countFor(token.userId) >= this.config.wsMaxConnectionsPerUser) {
      return { accepted: false, code: closeCodes.TRY_AGAIN_LATER, reason: 'too many connections' };
    }
    return { accepted: true, token, since: query.get('since') };
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
