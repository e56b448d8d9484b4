import type { TabChannel, TabLocks } from '../app/core/tabs/tab-apis';

/** Web Locks for specs: exclusive, granted in request order, released when the callback's promise settles. */
export class FakeLocks implements TabLocks {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        this.held.add(name);
        callback()
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name);
            this.queues.get(name)?.shift()?.();
          });
      };
      if (this.held.has(name)) {
        this.queues.set(name, [...(this.queues.get(name) ?? []), run]);
      } else {
        run();
      }
    });
  }
}

/** BroadcastChannel for specs: a message reaches every other open channel of the same name, asynchronously. */
export class FakeChannelHub {
  private readonly channels: FakeChannel[] = [];

  readonly factory = (name: string): TabChannel => {
    const channel = new FakeChannel(name, this);
    this.channels.push(channel);
    return channel;
  };

  deliver(from: FakeChannel, message: unknown): void {
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    this.channels
      .filter((channel) => channel !== from && channel.name === from.name && !channel.closed)
      .forEach((channel) => queueMicrotask(() => !channel.closed && channel.onmessage?.({ data: copy } as MessageEvent)));
  }
}

class FakeChannel implements TabChannel {
  onmessage: ((event: MessageEvent) => void) | null = null;
  closed = false;

  constructor(
    readonly name: string,
    private readonly hub: FakeChannelHub,
  ) {}

  postMessage(message: unknown): void {
    if (!this.closed) this.hub.deliver(this, message);
  }

  close(): void {
    this.closed = true;
  }
}
