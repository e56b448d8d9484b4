import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { deploymentId } from '../database/deployment-id';
import { SqlDatabase } from '../database/sql-database';
import { RateLimiter } from './rate-limiter';

/** The rate limiter: counting in Redis when REDIS_URL is set (under this deployment's namespace), else in memory. */
@Global()
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [APP_CONFIG, SqlDatabase],
      useFactory: async (config: AppConfig, db: SqlDatabase): Promise<RateLimiter> => {
        if (!config.redisUrl) return new RateLimiter();
        const namespace = config.eventBusNamespace ?? (await deploymentId(db));
        const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
        redis.on('error', () => undefined); // RateLimiter says so when a count falls back to memory
        // Counting starts in Redis when it answers at start-up; a Redis that is down does not hold the start.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          redis.once('ready', () => (clearTimeout(timer), resolve()));
        });
        return new RateLimiter(redis, `taskpulse:${namespace}:ratelimit:`);
      },
    },
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
