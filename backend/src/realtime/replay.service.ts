import { Inject, Injectable } from '@nestjs/common';
import { closeCodes, type ResyncReason, resyncReasons } from '@taskpulse/contract';
import { EventLogService } from '../event-log/event-log.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { MetricsService } from '../platform/metrics/metrics.service';
import type { Connection } from './connection';
import { DeliveryService } from './delivery.service';
import { eventMessage } from './event-message';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';

/** `since` as a seq, or null when it is not a non-negative integer. */
export function parseSince(since: string): number | null {
  return /^\d{1,15}$/.test(since) ? Number(since) : null;
}

const yieldToOtherWork = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Opens an accepted connection: `connection_ack` with the log head, then (with `since`) the user's events after
 * `since` from the log, page by page, then `replay_complete`, then live. Live delivery takes over where the log
 * read stopped, from the entries it keeps in memory, so there is no gap and no duplicate. A replay stops as soon as
 * its socket closes and yields between pages; one reaching back further than REPLAY_MAX_EVENTS gets
 * `resync_required` instead (a REST refetch is cheaper for everyone).
 */
@Injectable()
export class ReplayService {
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly log: EventLogService,
    private readonly delivery: DeliveryService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_SETTINGS) private readonly settings: RealtimeSettings,
  ) {}

  async start(connection: Connection, since: string | null): Promise<void> {
    let snapshot = await this.log.snapshotFor(connection.userId);
    if (!connection.isOpen) return;
    // Without `since` the client starts at the head: an SSE client that reconnects resumes from there.
    connection.sendControl(
      'connection_ack',
      {
        user_id: connection.userId,
        connection_id: connection.id,
        seq: snapshot.head,
        heartbeat_ms: this.config.wsHeartbeatMs,
        expires_at: new Date(connection.auth.expiresAt).toISOString(),
      },
      since === null ? snapshot.head : undefined,
    );
    if (since !== null) {
      const reason = await this.replayFrom(connection, since, snapshot);
      if (!connection.isOpen) return;
      if (reason) connection.sendControl('resync_required', { reason });
      else connection.sendControl('replay_complete', { seq: snapshot.head }, snapshot.head);
    }
    // Live from the snapshot's head: from delivery's memory, or from the log while memory does not reach back.
    let position = snapshot.head;
    for (;;) {
      if (!(await this.delivery.waitFor(position, this.settings.goLiveTimeoutMs))) {
        connection.close(closeCodes.TRY_AGAIN_LATER, 'live delivery is behind');
        return;
      }
      if (!connection.isOpen || this.delivery.goLive(connection, position, snapshot.teams)) return;
      snapshot = await this.log.snapshotFor(connection.userId);
      if (!(await this.replay(connection, position, snapshot.head))) {
        // Pruned under a long catch-up (or the socket went): the client resumes, and is told to refetch if need be.
        connection.close(closeCodes.TRY_AGAIN_LATER, 'catching up failed');
        return;
      }
      position = snapshot.head;
    }
  }

  /** Replays (since, head] unless `since` is invalid, pruned or too far back: then answers why. */
  private async replayFrom(
    connection: Connection,
    since: string,
    snapshot: { head: number; oldestRetained: number },
  ): Promise<ResyncReason | null> {
    const from = parseSince(since);
    if (from === null) return resyncReasons.SINCE_INVALID;
    const start = Math.min(from, snapshot.head);
    if (start < snapshot.oldestRetained - 1) return resyncReasons.SINCE_TOO_OLD;
    const max = this.config.replayMaxEvents;
    if ((await this.log.countReceived(connection.userId, start, snapshot.head, max)) > max) return resyncReasons.TOO_FAR_BEHIND;
    const replayed = await this.inTurn(connection.userId, () => this.replay(connection, start, snapshot.head));
    return replayed || !connection.isOpen ? null : resyncReasons.SINCE_TOO_OLD;
  }

  /**
   * One resume at a time per user: several sockets of one user resuming together (or reconnecting in a loop) take
   * turns instead of multiplying the work, and a turn whose socket has gone ends at once.
   */
  private async inTurn<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(userId) ?? Promise.resolve();
    let release = () => undefined as void;
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.turns.set(userId, mine);
    try {
      await previous;
      return await work();
    } finally {
      release();
      if (this.turns.get(userId) === mine) this.turns.delete(userId);
    }
  }

  /** Sends the user's events in (since, upTo], page by page; false when the log no longer has them all, or the socket went. */
  private async replay(connection: Connection, since: number, upTo: number): Promise<boolean> {
    const pageSize = this.settings.replayPageSize;
    let position = since;
    for (;;) {
      if (!connection.isOpen) return false;
      const { entries: page, oldestRetained } = await this.log.readPageForUser(connection.userId, position, upTo, pageSize);
      if (position < oldestRetained - 1) return false;
      for (const entry of page) {
        if (!connection.isOpen) return false;
        const bytes = Buffer.from(JSON.stringify(eventMessage(entry, entry.recipients[0]?.permission ?? null, connection.userId)));
        connection.deliverReplayed({ type: entry.type, seq: entry.seq, bytes });
        position = entry.seq;
        if (connection.bufferedAmount > this.config.wsMaxBufferedBytes) await this.drained(connection);
      }
      if (page.length > 0) this.metrics.eventsDelivered.inc({ mode: 'replay' }, page.length);
      if (page.length < pageSize || !connection.isOpen) return connection.isOpen;
      await yieldToOtherWork();
    }
  }

  /** Waits for the client to read what was sent; one that does not within the drain timeout gets 1013. */
  private async drained(connection: Connection): Promise<void> {
    const deadline = Date.now() + this.settings.drainTimeoutMs;
    while (connection.isOpen && connection.bufferedAmount > this.config.wsMaxBufferedBytes / 2) {
      if (Date.now() > deadline) {
        connection.close(closeCodes.TRY_AGAIN_LATER, 'consumer too slow');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
