import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { RateLimiter } from '../platform/http/rate-limiter';
import type { AuthUser } from './current-user.decorator';

const MINUTE = 60_000;
const LOOKUP = 'rateLimitLookup';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Marks a route that looks people up (`GET /api/users`): it spends the caller's lookup budget. */
export const LookupRateLimited = () => SetMetadata(LOOKUP, true);

/**
 * Per-user budgets, after JwtAuthGuard has said who the caller is: MUTATION_RATE_LIMIT mutating requests and
 * USER_LOOKUP_RATE_LIMIT people lookups per minute. One user's script cannot crowd out the others.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!request.user) return true;
    const response = context.switchToHttp().getResponse<Response>();
    const userId = request.user.id;
    if (this.reflector.getAllAndOverride<boolean>(LOOKUP, [context.getHandler(), context.getClass()])) {
      await this.limiter.enforce(
        response,
        `lookups:${userId}`,
        this.config.userLookupRateLimit,
        MINUTE,
        'Too many lookups, try again later',
      );
    }
    if (MUTATING.has(request.method)) {
      await this.limiter.enforce(
        response,
        `mutations:${userId}`,
        this.config.mutationRateLimit,
        MINUTE,
        'Too many changes, try again later',
      );
    }
    return true;
  }
}
