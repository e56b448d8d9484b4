import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { presenceStates, type PresenceState } from '@taskpulse/contract';

/** One change of one presence (a client of some instance, on one task), as every instance applies it. */
export type PresenceChange =
  | { op: 'set'; instance: string; key: string; taskId: string; userId: string; name: string; state: PresenceState; field: string | null }
  | { op: 'remove'; instance: string; key: string; taskId: string; userId: string };

/** Carries presence changes to every instance (this one included, synchronously). */
export abstract class PresenceBus {
  abstract publish(change: PresenceChange): void;
  abstract subscribe(listener: (change: PresenceChange) => void): () => void;
}

export class InProcessPresenceBus extends PresenceBus {
  private readonly listeners = new Set<(change: PresenceChange) => void>();

  publish(change: PresenceChange): void {
    for (const listener of this.listeners) listener(change);
  }

  subscribe(listener: (change: PresenceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function presenceChannel(namespace: string): string {
  return `taskpulse:${namespace}:presence`;
}

const text = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/** A change read from Redis, or null when it is not one (anything else on the channel is ignored). */
export function parsePresenceChange(raw: string): PresenceChange | null {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { op, instance, key, taskId, userId } = message;
  if (!text(instance) || !text(key) || !text(taskId, 36) || !text(userId, 36)) return null;
  if (op === 'remove') return { op, instance, key, taskId, userId };
  const { name, state, field } = message;
  if (op !== 'set' || !text(name, 80) || !(presenceStates as readonly unknown[]).includes(state)) return null;
  if (field !== null && !text(field, 64)) return null;
  return { op, instance, key, taskId, userId, name, state: state as PresenceState, field: field as string | null };
}

/**
 * Presence across instances: each change goes to this instance's listeners at once and to the others through Redis
 * pub/sub. Presence is ephemeral: a change lost while Redis is away is repaired by the next heartbeat (every client
 * repeats its presence within 30 s), and what another instance says is only shown to users that this instance's
 * own database read finds allowed to see the task.
 */
export class RedisPresenceBus extends PresenceBus implements OnModuleDestroy {
  private readonly logger = new Logger(RedisPresenceBus.name);
  private readonly local = new InProcessPresenceBus();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(
    url: string,
    namespace: string,
    private readonly instance: string,
  ) {
    super();
    this.channel = presenceChannel(namespace);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber])
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`redis subscribe: ${error.message}`));
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const change = parsePresenceChange(raw);
      if (change && change.instance !== this.instance) this.local.publish(change);
    });
  }

  publish(change: PresenceChange): void {
    this.local.publish(change);
    this.publisher
      .publish(this.channel, JSON.stringify(change))
      .catch((error: Error) => this.logger.warn(`redis publish: ${error.message}`));
  }

  subscribe(listener: (change: PresenceChange) => void): () => void {
    return this.local.subscribe(listener);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
