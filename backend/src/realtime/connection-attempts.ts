/**
 * Fixed-window counts of connection attempts (per user, per client address), in memory: an attempt costs a token
 * check at most, so a reconnect loop is turned away before it costs a log read or a replay.
 */
export class ConnectionAttempts {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly windowMs: number) {}

  /** Counts an attempt on `key`: the seconds to wait when it is past `limit` in this window, or null. */
  hit(key: string, limit: number, now = Date.now()): number | null {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= limit ? null : Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
