import WebSocket from 'ws';
import type { Api, TestUser } from '../../support/api';
import { type AnyServerMessage, isLoggedEvent, isTaskEvent, type TaskDto } from '@taskpulse/contract';

export interface ChaosStats {
  applied: number;
  duplicates: number;
  reconnects: number;
  cleanDrops: number;
  abruptDrops: number;
  resyncs: number;
  closeCodes: Record<string, number>;
}

/**
 * A client as the contract describes it: state from one REST snapshot and its `seq`, then only events, resuming
 * with `since` = the last seq it applied (or the last `replay_complete`) after every drop.
 */
export class ChaosClient {
  readonly state = new Map<string, TaskDto>();
  readonly stats: ChaosStats = { applied: 0, duplicates: 0, reconnects: 0, cleanDrops: 0, abruptDrops: 0, resyncs: 0, closeCodes: {} };
  private position = 0;
  private socket: WebSocket | null = null;

  constructor(
    readonly user: TestUser,
    private readonly api: Api,
    private readonly wsUrl: string,
  ) {}

  /** Open and past the handshake: a drop now is a real drop, not an aborted connect. */
  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  async start(): Promise<void> {
    const snapshot = await this.api.allTasks(this.user);
    this.state.clear();
    for (const task of snapshot.items) this.state.set(task.id, task);
    this.position = snapshot.seq;
    this.connect();
  }

  connect(): void {
    if (this.socket) return;
    const socket = new WebSocket(`${this.wsUrl}?token=${this.user.token}&since=${this.position}`);
    this.socket = socket;
    // Like a browser after close(): nothing more is read from a socket once it has been let go.
    socket.on('message', (data) => {
      if (this.socket === socket) this.receive(JSON.parse(data.toString()) as AnyServerMessage);
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      this.stats.closeCodes[code] = (this.stats.closeCodes[code] ?? 0) + 1;
      if (this.socket === socket) this.socket = null;
    });
  }

  drop(abrupt: boolean): void {
    if (!this.socket) return;
    const socket = this.socket;
    this.socket = null;
    if (abrupt) {
      this.stats.abruptDrops += 1;
      socket.terminate();
    } else {
      this.stats.cleanDrops += 1;
      socket.close(1000);
    }
  }

  reconnect(): void {
    if (this.socket) return;
    this.stats.reconnects += 1;
    this.connect();
  }

  close(): void {
    this.socket?.close(1000);
    this.socket = null;
  }

  private receive(message: AnyServerMessage): void {
    if (message.event_type === 'replay_complete') this.position = Math.max(this.position, message.data.seq);
    if (message.event_type === 'resync_required') {
      this.stats.resyncs += 1;
      this.drop(false);
      void this.start();
      return;
    }
    if (!isLoggedEvent(message)) return;
    if (message.seq <= this.position) {
      this.stats.duplicates += 1;
      return;
    }
    this.position = message.seq;
    this.stats.applied += 1;
    if (!isTaskEvent(message)) return;
    if (message.data.task) this.state.set(message.data.task_id, message.data.task);
    else this.state.delete(message.data.task_id);
  }
}
