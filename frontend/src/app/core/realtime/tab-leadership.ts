import type { TabLocks } from '../tabs/tab-apis';

/**
 * Which tab of this browser holds the realtime connection: the one holding an exclusive Web Lock. The others
 * wait in the lock's queue; when the holder closes (or signs out), the browser grants the lock to the next,
 * which then leads. Without Web Locks every tab leads on its own.
 */
export class TabLeadership {
  private releaseLock: (() => void) | null = null;
  private stopped = false;
  private leadingNow = false;

  constructor(
    private readonly locks: TabLocks | null,
    private readonly name: string,
  ) {}

  get leading(): boolean {
    return this.leadingNow;
  }

  /** Asks for the lead; `onLead` runs once it is granted (at once without Web Locks). */
  start(onLead: () => void): void {
    if (!this.locks) {
      this.leadingNow = true;
      onLead();
      return;
    }
    void this.locks
      .request(this.name, () => {
        if (this.stopped) {
          // Signed out while waiting in the queue: pass the lock on at once.
          return Promise.resolve();
        }
        this.leadingNow = true;
        onLead();
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch(() => undefined);
  }

  /** Gives the lead up (or the place in the queue): the next tab in line takes over. */
  stop(): void {
    this.stopped = true;
    this.leadingNow = false;
    this.releaseLock?.();
    this.releaseLock = null;
  }
}
