import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per client address over the credential endpoints (register, login, refresh),
 * to slow password guessing. In memory: each instance counts its own clients.
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    const response = context.switchToHttp().getResponse();
    const key: string = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.config.authRateLimit) return true;
    response.setHeader('Retry-After', String(Math.ceil((window.start + WINDOW_MS - now) / 1000)));
    throw new HttpException('Too many attempts, try again later', HttpStatus.TOO_MANY_REQUESTS);
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
