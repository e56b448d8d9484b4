import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { closeCodes, type TaskPermission } from '@taskpulse/contract';
import { type EventLogEntry, permissionOfRank, permissionRank } from '../event-log/event-log-entry';
import { EventLogService } from '../event-log/event-log.service';
import { MetricsService } from '../platform/metrics/metrics.service';
import { EventBus } from './bus/event-bus';
import type { Connection } from './connection';
import { ConnectionRegistry, type LiveUser } from './connection-registry';
import { eventMessage } from './event-message';
import { EventOrderer } from './event-orderer';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';
import type { OutgoingMessage } from './transport';

/** How often an instance on a bus that may lose messages (Redis) compares its position with the log head. */
const CATCH_UP_MS = 1000;

/** The permission a user has on an entry through the principals it reaches, or undefined when it reaches none of them. */
export function permissionOf(entry: EventLogEntry, userId: string, teams: ReadonlySet<string>): TaskPermission | null | undefined {
  let best = -1;
  for (const r of entry.recipients) {
    if (r.kind === 'user' ? r.id === userId : teams.has(r.id)) best = Math.max(best, permissionRank(r.permission));
  }
  return best < 0 ? undefined : permissionOfRank(best);
}

/** Membership events change who a team reaches: an added member receives the event itself, a removed one too. */
function joins(entry: EventLogEntry): boolean {
  return entry.type === 'team_member_added' && entry.member !== null;
}
function leaves(entry: EventLogEntry): boolean {
  return entry.type === 'team_member_removed' && entry.member !== null;
}

/**
 * Live delivery: takes what the bus brings, puts it in seq order (reading from the log what is missing), and writes
 * each entry to every local socket of every recipient, a team expanded to its members' sockets in memory. Bytes are
 * serialised once per distinct permission. The last entries written are kept, so a connection whose replay ends
 * catches up from memory and goes live without a gap.
 */
@Injectable()
export class DeliveryService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly orderer: EventOrderer;
  private unsubscribe: (() => void) | null = null;
  private pending: EventLogEntry[] = [];
  private catchUpTimer: NodeJS.Timeout | null = null;
  /** The last entries written, contiguous, ending at `flushed`. */
  private recent: EventLogEntry[] = [];
  private flushed = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(
    private readonly bus: EventBus,
    private readonly log: EventLogService,
    private readonly registry: ConnectionRegistry,
    private readonly metrics: MetricsService,
    @Inject(REALTIME_SETTINGS) private readonly settings: RealtimeSettings,
  ) {
    this.orderer = new EventOrderer({
      readRange: (from, to) => this.log.readRangeUpToHead(from, to),
      deliver: (entry) => this.enqueue(entry),
      waitMs: settings.gapWaitMs,
      warn: (message) => this.logger.warn(message),
    });
  }

  async onModuleInit(): Promise<void> {
    const head = await this.log.head();
    this.orderer.start(head);
    this.flushed = head;
    this.metrics.eventLogHead.set(head);
    this.unsubscribe = this.bus.subscribe({
      entry: (entry) => this.orderer.accept(entry),
      hint: (seq) => void this.catchUp(seq),
    });
    if (!this.bus.reliable) {
      this.catchUpTimer = setInterval(() => void this.catchUp(), CATCH_UP_MS);
      this.catchUpTimer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.unsubscribe?.();
    this.orderer.stop();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  /** The seq of the last entry written to the sockets. */
  get position(): number {
    return this.flushed;
  }

  /** Resolves once every entry up to `seq` has been written (or after `timeoutMs`: false). */
  waitFor(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.flushed >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, resolve: () => resolve(this.flushed >= seq) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.flushed >= seq);
      }, timeoutMs).unref();
    });
  }

  /**
   * Makes `connection` live from `position`, where its user was in `teams`: writes the entries after it that are
   * still in memory, then adds it to the registry, in one turn of the event loop. False, and nothing written, when
   * memory no longer reaches back to `position` (the caller reads further from the log first).
   */
  goLive(connection: Connection, position: number, teams: Iterable<string>): boolean {
    const first = this.flushed - this.recent.length + 1;
    if (position + 1 < first) return false;
    const member = new Set(teams);
    let written = 0;
    for (let i = position + 1 - first; i < this.recent.length; i++) {
      const entry = this.recent[i];
      if (joins(entry) && entry.member!.userId === connection.userId) member.add(entry.teamId!);
      const permission = permissionOf(entry, connection.userId, member);
      if (
        permission !== undefined &&
        connection.deliverLive({ type: entry.type, seq: entry.seq, bytes: this.bytesFor(entry, permission, connection.userId) })
      ) {
        written += 1;
      }
      if (leaves(entry) && entry.member!.userId === connection.userId) member.delete(entry.teamId!);
    }
    connection.goLive(this.flushed);
    this.registry.goLive(connection, member);
    if (written > 0) this.metrics.eventsDelivered.inc({ mode: 'live' }, written);
    return true;
  }

  /** Reads from the log whatever the bus has not brought, up to `hint` (a remote commit) or the log head. */
  private async catchUp(hint?: number): Promise<void> {
    try {
      await this.orderer.catchUp(hint ?? (await this.log.head()));
    } catch (error) {
      this.logger.warn(`catching up from the event log failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The bytes for one recipient; the actor's copy alone carries the mutation id, so it is cached apart. */
  private bytesFor(entry: EventLogEntry, permission: TaskPermission | null, userId: string, cache?: Map<string, Buffer>): Buffer {
    const key = `${permission ?? ''}${userId === entry.actorId ? ':actor' : ''}`;
    let bytes = cache?.get(key);
    if (!bytes) {
      bytes = Buffer.from(JSON.stringify(eventMessage(entry, permission, userId)));
      cache?.set(key, bytes);
    }
    return bytes;
  }

  /**
   * Entries ordered in the same turn of the event loop go out together: each socket gets all of them inside one
   * cork, so a burst costs one write per socket instead of one per event.
   */
  private enqueue(entry: EventLogEntry): void {
    this.pending.push(entry);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const entries = this.pending;
    this.pending = [];
    const batches = new Map<Connection, Array<Required<OutgoingMessage>>>();
    for (const entry of entries) {
      if (joins(entry)) this.registry.joinTeam(entry.member!.userId, entry.teamId!);
      const cache = new Map<string, Buffer>();
      for (const [user, rank] of this.audience(entry)) {
        const bytes = this.bytesFor(entry, permissionOfRank(rank), user.userId, cache);
        for (const connection of user.connections) {
          const batch = batches.get(connection);
          const message = { type: entry.type, seq: entry.seq, bytes };
          if (batch) batch.push(message);
          else batches.set(connection, [message]);
        }
      }
      if (leaves(entry)) this.registry.leaveTeam(entry.member!.userId, entry.teamId!);
      this.remember(entry);
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
    this.metrics.eventLogHead.set(this.flushed);
    this.wake();
  }

  /** The live users an entry reaches, each with the rank of the strongest permission it reaches them with. */
  private audience(entry: EventLogEntry): Map<LiveUser, number> {
    const reached = new Map<LiveUser, number>();
    const reach = (user: LiveUser, rank: number) => reached.set(user, Math.max(rank, reached.get(user) ?? -1));
    for (const r of entry.recipients) {
      const rank = permissionRank(r.permission);
      if (r.kind === 'team') for (const user of this.registry.liveMembersOf(r.id)) reach(user, rank);
      else {
        const user = this.registry.liveUser(r.id);
        if (user) reach(user, rank);
      }
    }
    return reached;
  }

  private remember(entry: EventLogEntry): void {
    this.flushed = entry.seq;
    this.recent.push(entry);
    if (this.recent.length > this.settings.recentEntries * 2) this.recent = this.recent.slice(-this.settings.recentEntries);
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.seq <= this.flushed);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.seq > this.flushed);
    for (const waiter of ready) waiter.resolve();
  }
}
