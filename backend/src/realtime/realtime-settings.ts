import { parseDuration } from '../config/duration';

/**
 * Tuning of the realtime layer that AppConfig does not (yet) carry. Read once at start-up.
 * `EVENT_PRUNE_INTERVAL` (default 1h) is how often events older than `EVENT_RETENTION` are pruned.
 */
export interface RealtimeSettings {
  pruneIntervalMs: number;
  /** How long live delivery waits for a missing seq before reading it from the log. */
  gapWaitMs: number;
  replayPageSize: number;
  /** How long a replay waits for a full socket buffer to drain before giving up on the client (1013). */
  drainTimeoutMs: number;
  /** How long shutdown waits for clients to answer the 1001 close before cutting them off. */
  shutdownGraceMs: number;
  /** Flood rule: a token bucket refilled at `messagesPerSecond` holding at most `messageBurst`. */
  messageBurst: number;
}

export const REALTIME_SETTINGS = Symbol('REALTIME_SETTINGS');

export function loadRealtimeSettings(messagesPerSecond: number, env: Record<string, string | undefined> = process.env): RealtimeSettings {
  return {
    pruneIntervalMs: parseDuration(env.EVENT_PRUNE_INTERVAL || '1h', 'EVENT_PRUNE_INTERVAL'),
    gapWaitMs: 50,
    replayPageSize: 500,
    drainTimeoutMs: 10_000,
    shutdownGraceMs: 3_000,
    messageBurst: messagesPerSecond * 2,
  };
}
