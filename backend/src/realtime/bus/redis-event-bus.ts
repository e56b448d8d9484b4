import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import type { EventLogEntry } from '../../event-log/event-log-entry';
import type { ReadinessChecks } from '../../platform/health/readiness-checks';
import { EventBus, type EventBusSubscriber, InProcessEventBus } from './event-bus';

/** The channel of one deployment: instances of another deployment on the same Redis never hear it. */
export function busChannel(namespace: string): string {
  return `taskpulse:${namespace}:events`;
}

/** What may travel on the channel: a committed seq, or "sessions ended". Neither carries anything to deliver. */
export type BusHint = { kind: 'seq'; seq: number } | { kind: 'sessions' };

const SESSIONS_ENDED = JSON.stringify({ sessions: 'ended' });

/** `{"seq": <positive integer>}` or `{"sessions": "ended"}`; anything else on the channel is ignored. */
export function parseHint(text: string): BusHint | null {
  try {
    const message = JSON.parse(text) as { seq?: unknown; sessions?: unknown } | null;
    if (typeof message !== 'object' || message === null) return null;
    const seq = message.seq;
    if (typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0) return { kind: 'seq', seq };
    return message.sessions === 'ended' ? { kind: 'sessions' } : null;
  } catch {
    return null;
  }
}

/**
 * Several instances: an entry committed here goes to this instance's subscribers at once, and its seq to the other
 * instances of the deployment through Redis pub/sub. A hint is all Redis carries: each instance reads the entries
 * from its own database log, never past its head, so a forged or foreign message can neither deliver anything nor
 * make delivery skip real events. Redis is only fast, not trusted: delivery also polls the log head (this bus is not
 * `reliable`), so an outage delays events but loses none. ioredis reconnects by itself after a Redis restart.
 */
export class RedisEventBus extends EventBus implements OnModuleDestroy {
  readonly reliable = false;
  private readonly logger = new Logger(RedisEventBus.name);
  private readonly local = new InProcessEventBus();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(url: string, namespace: string, readiness: ReadinessChecks) {
    super();
    this.channel = busChannel(namespace);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
    this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`redis subscribe: ${error.message}`));
    this.subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    readiness.register({
      name: 'redis',
      probe: async () => this.publisher.status === 'ready' && (await this.publisher.ping()) === 'PONG',
    });
  }

  async publish(entry: EventLogEntry): Promise<void> {
    await this.local.publish(entry);
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ seq: entry.seq }));
    } catch (error) {
      // The other instances read it from the log on their next catch-up.
      this.logger.warn(`redis publish of seq ${entry.seq} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async announceSessionsEnded(): Promise<void> {
    try {
      await this.publisher.publish(this.channel, SESSIONS_ENDED);
    } catch (error) {
      // The other instances find the ended sessions on their next poll of the database.
      this.logger.warn(`redis publish of ended sessions failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  subscribe(subscriber: EventBusSubscriber): () => void {
    return this.local.subscribe(subscriber);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private receive(text: string): void {
    const hint = parseHint(text);
    if (hint === null) this.logger.debug('redis: ignored a message that is not a hint');
    else if (hint.kind === 'seq') this.local.hint(hint.seq);
    else this.local.sessionsEnded();
  }
}
