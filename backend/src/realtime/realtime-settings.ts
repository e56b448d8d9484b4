import type { AppConfig } from '../platform/config/app-config';

/** Tuning of the realtime layer, derived once at start-up from the configuration. */
export interface RealtimeSettings {
  /** How long live delivery waits for a missing seq before reading it from the log. */
  gapWaitMs: number;
  replayPageSize: number;
  /** How long a replay waits for a full socket buffer to drain before giving up on the client (1013). */
  drainTimeoutMs: number;
  /** How long shutdown waits for clients to answer the 1001 close before cutting them off. */
  shutdownGraceMs: number;
  /** Flood rule: a token bucket refilled at `messagesPerSecond` holding at most `messageBurst`. */
  messageBurst: number;
  /** How many of the last delivered entries are kept, so a connection ending its replay catches up from memory. */
  recentEntries: number;
  /** How long a connection ending its replay waits for live delivery to reach where the replay stopped. */
  goLiveTimeoutMs: number;
  /** How often a server-sent event stream gets a comment line, so proxies keep it open. */
  sseCommentMs: number;
}

export const REALTIME_SETTINGS = Symbol('REALTIME_SETTINGS');

export function loadRealtimeSettings(config: Pick<AppConfig, 'wsMessagesPerSecond'>): RealtimeSettings {
  return {
    gapWaitMs: 50,
    replayPageSize: 100,
    drainTimeoutMs: 10_000,
    shutdownGraceMs: 3_000,
    messageBurst: config.wsMessagesPerSecond * 2,
    recentEntries: 10_000,
    goLiveTimeoutMs: 10_000,
    sseCommentMs: 15_000,
  };
}
