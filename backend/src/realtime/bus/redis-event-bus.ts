import { Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { EventLogEntry } from '../../event-log/event-log-entry';
import type { ReadinessChecks } from '../../platform/health/readiness-checks';
import { EventBus, type EventBusHandler, InProcessEventBus } from './event-bus';

const CHANNEL = 'taskpulse:events';

/**
 * Several instances: an entry committed here goes to this instance's subscribers at once and to the others
 * through Redis pub/sub. Redis is only fast, not trusted: delivery drops what it already has and reads from the
 * log what never came (this bus is not `reliable`), so a Redis outage delays events but loses none. ioredis
 * reconnects by itself after a Redis restart.
 */
export class RedisEventBus extends EventBus implements OnModuleDestroy {
  readonly reliable = false;
  private readonly logger = new Logger(RedisEventBus.name);
  private readonly local = new InProcessEventBus();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, readiness: ReadinessChecks) {
    super();
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    this.subscriber.subscribe(CHANNEL).catch((error: Error) => this.logger.warn(`redis subscribe: ${error.message}`));
    this.subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    readiness.register({
      name: 'redis',
      probe: async () => this.publisher.status === 'ready' && (await this.publisher.ping()) === 'PONG',
    });
  }

  async publish(entry: EventLogEntry): Promise<void> {
    await this.local.publish(entry);
    try {
      await this.publisher.publish(CHANNEL, JSON.stringify(entry));
    } catch (error) {
      // The other instances read it from the log on their next catch-up.
      this.logger.warn(`redis publish of seq ${entry.seq} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  subscribe(handler: EventBusHandler): () => void {
    return this.local.subscribe(handler);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private receive(text: string): void {
    let entry: EventLogEntry;
    try {
      entry = JSON.parse(text);
    } catch {
      this.logger.warn('redis: dropped a message that is not JSON');
      return;
    }
    if (typeof entry?.seq === 'number') void this.local.publish(entry);
  }
}
