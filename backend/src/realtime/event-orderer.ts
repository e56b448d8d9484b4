import type { EventLogEntry } from '../event-log/event-log-entry';

export interface EventOrdererOptions {
  /** Whole entries with seq in [from, to] from the log (the truth when the bus skips or reorders), and its head. */
  readRange(from: number, to: number): Promise<{ entries: EventLogEntry[]; head: number }>;
  deliver(entry: EventLogEntry): void;
  /** How long an early entry waits for the ones before it before the gap is read from the log. */
  waitMs: number;
  warn(message: string): void;
}

/**
 * Hands entries to `deliver` in strictly increasing seq, each once, without gaps. Locally emitted events come
 * in commit order, but with several instances publishing on one bus seq N+1 may arrive before N: it is held
 * for `waitMs`, then the gap is read from the log. A seq the log no longer has is skipped with a warning.
 */
export class EventOrderer {
  private next = 1;
  private readonly early = new Map<number, EventLogEntry>();
  private timer: NodeJS.Timeout | null = null;
  private filling = false;
  private stopped = false;

  constructor(private readonly options: EventOrdererOptions) {}

  /** Everything up to `head` is history: delivery starts at head + 1. */
  start(head: number): void {
    this.next = head + 1;
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.early.clear();
  }

  /** The highest seq delivered so far. */
  get delivered(): number {
    return this.next - 1;
  }

  accept(entry: EventLogEntry): void {
    if (this.stopped || entry.seq < this.next || this.early.has(entry.seq)) return;
    this.early.set(entry.seq, entry);
    this.drain();
  }

  private drain(): void {
    for (let entry = this.early.get(this.next); entry; entry = this.early.get(this.next)) {
      this.early.delete(this.next);
      this.next += 1;
      try {
        this.options.deliver(entry);
      } catch (error) {
        this.options.warn(`delivery of seq ${entry.seq} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (this.early.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    } else if (this.early.size > 0 && !this.timer && !this.filling) {
      this.timer = setTimeout(() => void this.fillGap(), this.options.waitMs);
      this.timer.unref();
    }
  }

  /**
   * Reads from the log whatever the bus has not brought up to `head`: a message the bus lost, or all of them
   * while it was down. Called periodically when the bus is not in-process.
   */
  async catchUp(head: number): Promise<void> {
    if (this.stopped || this.filling || head < this.next) return;
    await this.fill(head);
  }

  private async fillGap(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.early.size === 0 || this.filling) return;
    await this.fill(Math.min(...this.early.keys()) - 1);
  }

  /**
   * Reads [next, to] from the log. Never past the log's head: a seq above it has not been committed, whatever the bus
   * said, so it is waited for, not skipped; a seq at or below the head that the log lacks was pruned and is skipped.
   */
  private async fill(to: number): Promise<void> {
    this.filling = true;
    const from = this.next;
    try {
      const { entries, head } = await this.options.readRange(from, to);
      const upTo = Math.min(to, head);
      for (const entry of entries) if (entry.seq >= this.next && entry.seq <= upTo) this.early.set(entry.seq, entry);
      for (this.drain(); !this.stopped && this.next <= upTo; this.drain()) this.skipMissing(upTo);
    } catch (error) {
      this.options.warn(`could not read seq ${from}..${to} from the event log: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.filling = false;
    }
    if (!this.stopped) this.drain();
  }

  /** Moves past the run of seqs from `next` that neither the bus nor the log has (pruned). */
  private skipMissing(to: number): void {
    let end = this.next;
    while (end <= to && !this.early.has(end)) end += 1;
    this.options.warn(`seq ${this.next}..${end - 1} missing from the event log; skipped`);
    this.next = end;
  }
}
