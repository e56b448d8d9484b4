import { HttpException, HttpStatus, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { Response } from 'express';

/** How many hits a key has had in its current window, and how long until the window ends. */
interface Window {
  count: number;
  resetMs: number;
}

/** INCR with the window set on the first hit, and the time left: one round trip, atomic across instances. */
const HIT_SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) t = tonumber(ARGV[1]) end
return {c, t}`;

/** Keys may hold emails: only a digest of them is kept (in memory or in Redis). */
export const digestKey = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/**
 * Fixed-window counters for the rate limits. With Redis (REDIS_URL) every instance of the deployment counts in
 * the same keys, so a budget is one budget behind a load balancer; without it, or while Redis does not answer,
 * each instance counts in memory (a Redis outage loosens the limits, it never refuses everyone).
 */
export class RateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly windows = new Map<string, { start: number; count: number; windowMs: number }>();
  private lastRedisWarning = 0;

  constructor(
    private readonly redis: Redis | null = null,
    private readonly prefix = 'taskpulse:ratelimit:',
  ) {}

  /** Counts a hit on `key`; answers the seconds to wait when it is past `limit` in the window, or null. */
  async take(key: string, limit: number, windowMs: number): Promise<number | null> {
    const window = await this.hit(key, windowMs);
    return window.count <= limit ? null : Math.max(1, Math.ceil(window.resetMs / 1000));
  }

  /** `take`, answering 429 with Retry-After when refused. */
  async enforce(response: Response, key: string, limit: number, windowMs: number, message: string): Promise<void> {
    const retryAfter = await this.take(key, limit, windowMs);
    if (retryAfter === null) return;
    response.setHeader('Retry-After', String(retryAfter));
    throw new HttpException(message, HttpStatus.TOO_MANY_REQUESTS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private async hit(key: string, windowMs: number): Promise<Window> {
    if (this.redis) {
      try {
        const [count, resetMs] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [number, number];
        return { count, resetMs };
      } catch (error) {
        this.warn(error);
      }
    }
    return this.hitInMemory(key, windowMs, Date.now());
  }

  private hitInMemory(key: string, windowMs: number, now: number): Window {
    let window = this.windows.get(key);
    if (!window || now - window.start >= window.windowMs) {
      if (this.windows.size > 50_000) this.evictExpired(now);
      window = { start: now, count: 0, windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.start + window.windowMs - now };
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= window.windowMs) this.windows.delete(key);
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastRedisWarning < 60_000) return;
    this.lastRedisWarning = Date.now();
    this.logger.warn(`rate limits count in memory while Redis does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
}
