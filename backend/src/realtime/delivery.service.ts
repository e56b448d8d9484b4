import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { EventLogEntry } from '../event-log/event-log-entry';
import { EventLogService } from '../event-log/event-log.service';
import { MetricsService } from '../platform/metrics/metrics.service';
import type { Connection } from './connection';
import { ConnectionRegistry } from './connection-registry';
import { EventBus } from './bus/event-bus';
import { eventMessage } from './event-message';
import { EventOrderer } from './event-orderer';
import { closeCodes } from '@taskpulse/contract';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';

/** How often an instance on a bus that may lose messages (Redis) compares its position with the log head. */
const CATCH_UP_MS = 1000;

/**
 * Live delivery: takes what the bus brings, puts it in seq order (filling gaps from the log), and writes each
 * entry to every local socket of every recipient. The bytes are serialised once per distinct permission.
 */
@Injectable()
export class DeliveryService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly orderer: EventOrderer;
  private unsubscribe: (() => void) | null = null;
  private pending: EventLogEntry[] = [];
  private catchUpTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly log: EventLogService,
    private readonly registry: ConnectionRegistry,
    private readonly metrics: MetricsService,
    @Inject(REALTIME_SETTINGS) settings: RealtimeSettings,
  ) {
    this.orderer = new EventOrderer({
      readRange: (from, to) => this.log.readRange(from, to),
      deliver: (entry) => this.enqueue(entry),
      waitMs: settings.gapWaitMs,
      warn: (message) => this.logger.warn(message),
    });
  }

  async onModuleInit(): Promise<void> {
    const head = await this.log.head();
    this.orderer.start(head);
    this.metrics.eventLogHead.set(head);
    this.unsubscribe = this.bus.subscribe((entry) => this.orderer.accept(entry));
    if (!this.bus.reliable) {
      this.catchUpTimer = setInterval(() => void this.catchUp(), CATCH_UP_MS);
      this.catchUpTimer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.unsubscribe?.();
    this.orderer.stop();
  }

  /** With a bus that may lose messages, the log head tells what never arrived. */
  private async catchUp(): Promise<void> {
    try {
      await this.orderer.catchUp(await this.log.head());
    } catch (error) {
      this.logger.warn(`catching up from the event log failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Serialises one recipient's message, shared by every recipient with the same permission. */
  static bytesFor(entry: EventLogEntry, permission: EventLogEntry['recipients'][number]['permission'], cache: Map<string, Buffer>): Buffer {
    const key = permission ?? '';
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = Buffer.from(JSON.stringify(eventMessage(entry, permission)));
      cache.set(key, bytes);
    }
    return bytes;
  }

  /**
   * Entries ordered in the same turn of the event loop go out together: each socket gets all of them inside one
   * cork, so a burst costs one write per socket instead of one per event. A lone event waits only for the
   * current turn to end.
   */
  private enqueue(entry: EventLogEntry): void {
    this.pending.push(entry);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const entries = this.pending;
    this.pending = [];
    const batches = new Map<Connection, Array<{ seq: number; bytes: Buffer }>>();
    for (const entry of entries) {
      const cache = new Map<string, Buffer>();
      for (const recipient of entry.recipients) {
        const connections = this.registry.forUser(recipient.userId);
        if (connections.size === 0) continue;
        const bytes = DeliveryService.bytesFor(entry, recipient.permission, cache);
        for (const connection of connections) {
          const batch = batches.get(connection);
          if (batch) batch.push({ seq: entry.seq, bytes });
          else batches.set(connection, [{ seq: entry.seq, bytes }]);
        }
      }
    }
    let written = 0;
    for (const [connection, batch] of batches) {
      try {
        written += connection.deliverLiveBatch(batch);
      } catch (error) {
        this.logger.error(`delivery to connection ${connection.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
        connection.close(closeCodes.INTERNAL_ERROR, 'internal error');
      }
    }
    if (written > 0) this.metrics.eventsDelivered.inc({ mode: 'live' }, written);
    this.metrics.eventLogHead.set(entries[entries.length - 1].seq);
  }
}
