import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { digestKey, RateLimiter } from '../platform/http/rate-limiter';

const MINUTE = 60_000;
const TOO_MANY = 'Too many attempts, try again later';

/**
 * Slows password guessing without letting an attacker lock everyone out:
 * - register and login: AUTH_RATE_LIMIT per client address and minute (one address trying many accounts);
 * - login: AUTH_ACCOUNT_RATE_LIMIT per account within AUTH_ACCOUNT_WINDOW, from any address (many addresses trying
 *   one account); only that account waits, never anyone else;
 * - refresh: a budget of its own per address (REFRESH_RATE_LIMIT), so sign-in attempts cannot use it up.
 * The client address follows TRUST_PROXY; counts are shared through Redis when it is configured.
 */
@Injectable()
export class CredentialRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const route = request.path.split('/').pop();
    if (route === 'refresh') {
      await this.limiter.enforce(response, `refresh:${address}`, this.config.refreshRateLimit, MINUTE, TOO_MANY);
      return true;
    }
    await this.limiter.enforce(response, `credentials:${address}`, this.config.authRateLimit, MINUTE, TOO_MANY);
    const email: unknown = (request.body as { email?: unknown } | undefined)?.email;
    if (route === 'login' && typeof email === 'string') {
      const account = digestKey(email.trim().toLowerCase());
      await this.limiter.enforce(
        response,
        `login-account:${account}`,
        this.config.authAccountRateLimit,
        this.config.authAccountWindowMs,
        'Too many sign-in attempts for this account, try again later',
      );
    }
    return true;
  }
}
