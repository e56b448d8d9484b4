import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { EventLogService } from '../event-log/event-log.service';
import { MetricsService } from '../platform/metrics/metrics.service';
import type { Connection } from './connection';
import { eventMessage } from './event-message';
import { closeCodes, type ResyncReason, resyncReasons } from '@taskpulse/contract';
import { REALTIME_SETTINGS, type RealtimeSettings } from './realtime-settings';

/** `since` as a seq, or null when it is not a non-negative integer. */
export function parseSince(since: string): number | null {
  return /^\d{1,15}$/.test(since) ? Number(since) : null;
}

/**
 * Opens an accepted connection: `connection_ack`, then (with `since`) the user's events after `since` from
 * the log, page by page, then `replay_complete`, then live. Live events that arrive meanwhile are held by the
 * connection and those at or below the replayed position dropped, so there is no gap and no duplicate.
 */
@Injectable()
export class ReplayService {
  constructor(
    private readonly log: EventLogService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REALTIME_SETTINGS) private readonly settings: RealtimeSettings,
  ) {}

  async start(connection: Connection, since: string | null): Promise<void> {
    const head = await this.log.head();
    if (!connection.isOpen) return;
    connection.sendControl('connection_ack', {
      user_id: connection.userId,
      connection_id: connection.id,
      seq: head,
      heartbeat_ms: this.config.wsHeartbeatMs,
      expires_at: new Date(connection.auth.expiresAt).toISOString(),
    });
    if (since === null) return this.goLive(connection, head);
    const from = parseSince(since);
    if (from === null) return this.resync(connection, head, resyncReasons.SINCE_INVALID);
    const position = await this.replay(connection, Math.min(from, head));
    if (!connection.isOpen) return;
    if (position === null) return this.resync(connection, head, resyncReasons.SINCE_TOO_OLD);
    connection.sendControl('replay_complete', { seq: Math.max(position, head) });
    this.goLive(connection, Math.max(position, head));
  }

  private resync(connection: Connection, head: number, reason: ResyncReason): void {
    connection.sendControl('resync_required', { reason });
    this.goLive(connection, head);
  }

  private goLive(connection: Connection, position: number): void {
    const written = connection.goLive(position);
    if (written > 0) this.metrics.eventsDelivered.inc({ mode: 'live' }, written);
  }

  /** The last seq replayed, or null when the log no longer reaches back to where the replay stands. */
  private async replay(connection: Connection, since: number): Promise<number | null> {
    const pageSize = this.settings.replayPageSize;
    let position = since;
    for (;;) {
      const page = await this.log.readForUser(connection.userId, position, pageSize);
      if (!(await this.retainedAfter(position))) return null;
      for (const entry of page) {
        if (!connection.isOpen) return position;
        const bytes = Buffer.from(JSON.stringify(eventMessage(entry, entry.recipients[0]?.permission ?? null)));
        connection.deliverReplayed(entry.seq, bytes);
        position = entry.seq;
        if (connection.bufferedAmount > this.config.wsMaxBufferedBytes) await this.drained(connection);
      }
      if (page.length > 0) this.metrics.eventsDelivered.inc({ mode: 'replay' }, page.length);
      if (page.length < pageSize) return position;
    }
  }

  /** Checked after each page is read: nothing after `position` has been pruned, so the page was complete. */
  private async retainedAfter(position: number): Promise<boolean> {
    return position >= (await this.log.oldestRetained()) - 1;
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
