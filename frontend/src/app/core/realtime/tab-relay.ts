import { BehaviorSubject } from 'rxjs';
import { type AnyServerMessage, type ClientMessage, isLoggedEvent } from '@taskpulse/contract';
import type { TabChannel } from '../tabs/tab-apis';
import type { ConnectionView } from './connection-state';

/** What the leading tab tells the others about the connection. */
export interface SharedState {
  readonly view: ConnectionView;
  readonly polling: boolean;
  /** The last logged event the leader delivered. */
  readonly lastSeq: number | null;
  readonly coveredFrom: number | null;
  /** The leader's last `connection_ack`: a tab that joins hears it, so its lists check what they may have missed. */
  readonly ack: AnyServerMessage | null;
}

/** Between the tabs of one browser (and one user): the leader's messages out, the others' requests in. */
export type RelayMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'state'; readonly state: SharedState }
  | { readonly type: 'message'; readonly message: AnyServerMessage }
  | { readonly type: 'resync'; readonly reason: string }
  | { readonly type: 'send'; readonly message: ClientMessage }
  | { readonly type: 'probe' };

export interface RelayHandlers {
  /** Follower: a server message the leader delivered, de-duplicated by seq and in order. */
  deliver(message: AnyServerMessage): void;
  /** Follower: the leader's connection had to resync. */
  resync(reason: string): void;
  /** Leader: a request of another tab (`hello`, `send`, `probe`). */
  request(message: RelayMessage): void;
}

/**
 * One tab's end of the BroadcastChannel the tabs share their one connection through. As a follower it passes
 * on what the leader delivered, each logged event once, and remembers how far it got: the seq it resumes from
 * if it becomes the leader.
 */
export class TabRelay {
  private leader = false;
  private joinedAt: number | null | undefined = undefined;
  private lastApplied: number | null = null;
  readonly remote = new BehaviorSubject<SharedState | null>(null);

  constructor(
    private readonly channel: TabChannel,
    private readonly handlers: RelayHandlers,
  ) {
    channel.onmessage = (event) => this.receive(event.data as RelayMessage);
  }

  follow(): void {
    this.leader = false;
    this.post({ type: 'hello' });
  }

  lead(): void {
    this.leader = true;
    this.remote.next(null);
  }

  /** Where a new leader resumes: after the last event this tab applied, or where it joined. */
  resumePoint(): { lastSeq: number | null; coveredFrom: number | null } {
    const joined = this.joinedAt ?? null;
    const lastSeq = max(this.lastApplied, joined);
    return { lastSeq, coveredFrom: this.coveredFrom() ?? lastSeq };
  }

  /** Follower: every logged event after this seq reaches this tab (the leader's reach, from when this tab joined). */
  coveredFrom(): number | null {
    const leader = this.remote.value?.coveredFrom ?? null;
    return leader === null ? null : max(leader, this.joinedAt ?? null);
  }

  post(message: RelayMessage): void {
    this.channel.postMessage(message);
  }

  close(): void {
    this.channel.onmessage = null;
    this.channel.close();
  }

  private receive(message: RelayMessage): void {
    if (this.leader) {
      if (message.type === 'hello' || message.type === 'send' || message.type === 'probe') {
        this.handlers.request(message);
      }
      return;
    }
    switch (message.type) {
      case 'state':
        // The first state answers our hello: events after its seq all reach this tab.
        this.remote.next(message.state);
        if (this.joinedAt === undefined) {
          this.joinedAt = message.state.lastSeq;
          if (message.state.ack) this.handlers.deliver(message.state.ack);
        }
        return;
      case 'message':
        if (isLoggedEvent(message.message)) {
          if (this.lastApplied !== null && message.message.seq <= this.lastApplied) return;
          this.lastApplied = message.message.seq;
        }
        this.handlers.deliver(message.message);
        return;
      case 'resync':
        this.lastApplied = null;
        this.joinedAt = undefined;
        this.handlers.resync(message.reason);
        this.post({ type: 'hello' });
        return;
      default:
        return;
    }
  }
}

function max(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
