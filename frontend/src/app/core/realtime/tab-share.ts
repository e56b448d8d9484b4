import { BehaviorSubject } from 'rxjs';
import type { TabChannelFactory, TabLocks } from '../tabs/tab-apis';
import type { StreamPosition } from './connection-state';
import { TabLeadership } from './tab-leadership';
import { type RelayHandlers, type RelayMessage, type SharedState, TabRelay } from './tab-relay';

export type TabRole = 'leader' | 'follower';

/**
 * This tab's part in the browser's one connection: it follows (hearing the leader through the relay) until the
 * lock is granted, then leads from where it got to. Without Web Locks or BroadcastChannel it simply leads.
 */
export class TabShare {
  readonly role = new BehaviorSubject<TabRole>('leader');
  /** What the leader last said about the connection (null while leading). */
  readonly remote = new BehaviorSubject<SharedState | null>(null);
  private leadership: TabLeadership | null = null;
  private relay: TabRelay | null = null;

  constructor(
    private readonly locks: TabLocks | null,
    private readonly channels: TabChannelFactory,
  ) {}

  get joined(): boolean {
    return this.leadership !== null;
  }

  /** Shared with other tabs (a relay exists): the view says which role this tab has. */
  get shared(): boolean {
    return this.relay !== null;
  }

  get following(): boolean {
    return this.role.value === 'follower';
  }

  /** `lead` runs once this tab holds the lock, with the position to resume from. */
  join(name: string, handlers: RelayHandlers, lead: (from: StreamPosition | undefined) => void): void {
    const channel = this.locks ? this.channels(name) : null;
    this.leadership = new TabLeadership(channel ? this.locks : null, name);
    if (channel) {
      const relay = new TabRelay(channel, handlers);
      relay.remote.subscribe((state) => this.remote.next(state));
      this.relay = relay;
      this.role.next('follower');
      relay.follow();
    }
    this.leadership.start(() => {
      const from = this.relay?.resumePoint();
      this.relay?.lead();
      this.role.next('leader');
      lead(from);
    });
  }

  /** Signed out: lets the lock go (the next tab in line leads) and stops listening. */
  leave(): void {
    this.leadership?.stop();
    this.leadership = null;
    this.relay?.close();
    this.relay = null;
    this.role.next('leader');
    this.remote.next(null);
  }

  /** Follower: every logged event after this seq reaches this tab. */
  coveredFrom(): number | null {
    return this.relay?.coveredFrom() ?? null;
  }

  post(message: RelayMessage): void {
    this.relay?.post(message);
  }
}
