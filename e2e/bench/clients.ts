import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** Many sockets that count what they receive, and optionally time each message against its send time. */
export class ClientSwarm {
  readonly sockets: WebSocket[] = [];
  received = 0;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  /** seq → latest arrival (ms, wall clock) over all sockets, when timing is on. */
  readonly lastArrival = new Map<number, number>();
  /** seq → when it was sent (baseline) or committed (TaskPulse `timestamp`), and the mutation that caused it (its id, or the task title naming it). */
  readonly sentAt = new Map<number, number>();
  readonly mutationOf = new Map<number, string>();
  timing = false;

  async open(urls: string[], concurrency = 50): Promise<void> {
    for (let i = 0; i < urls.length; i += concurrency) {
      await Promise.all(urls.slice(i, i + concurrency).map((url) => this.openOne(url)));
    }
  }

  private openOne(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      let acked = false;
      socket.on('message', (data: Buffer) => {
        if (!acked) {
          acked = true;
          this.sockets.push(socket);
          return resolve();
        }
        this.onMessage(data);
      });
      socket.once('error', reject);
      socket.once('close', (code) => !acked && reject(new Error(`closed ${code} before the first message`)));
    });
  }

  /** The bare baseline sends no ack: count sockets as open once connected. */
  async openBare(url: string, count: number, concurrency = 50): Promise<void> {
    for (let i = 0; i < count; i += concurrency) {
      await Promise.all(
        Array.from(
          { length: Math.min(concurrency, count - i) },
          () =>
            new Promise<void>((resolve, reject) => {
              const socket = new WebSocket(url);
              socket.on('message', (data: Buffer) => this.onMessage(data));
              socket.once('open', () => {
                this.sockets.push(socket);
                resolve();
              });
              socket.once('error', reject);
            }),
        ),
      );
    }
  }

  private onMessage(data: Buffer): void {
    this.received += 1;
    if (this.timing) {
      const arrival = performance.timeOrigin + performance.now();
      // Only the first arrival of a seq needs the whole message; later ones just need the seq.
      const seqMatch = /"seq":(\d+)/.exec(data.toString('latin1', 0, 200));
      const seq = seqMatch ? Number(seqMatch[1]) : NaN;
      const message = this.sentAt.has(seq) ? { seq } : JSON.parse(data.toString());
      if (typeof message.seq === 'number') {
        const previous = this.lastArrival.get(message.seq) ?? 0;
        if (arrival > previous) this.lastArrival.set(message.seq, arrival);
        if (!this.sentAt.has(message.seq)) {
          this.sentAt.set(message.seq, message.sent ?? Date.parse(message.timestamp));
          const mutation = message.data?.mutation_id ?? message.data?.task?.title;
          if (mutation) this.mutationOf.set(message.seq, mutation);
        }
      }
    }
    for (const waiter of this.waiters) if (this.received >= waiter.target) waiter.resolve();
    this.waiters = this.waiters.filter((w) => this.received < w.target);
  }

  waitForTotal(target: number, timeoutMs: number, what: string): Promise<void> {
    if (this.received >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${this.received}/${target}`)), timeoutMs);
      this.waiters.push({ target, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  reset(): void {
    this.received = 0;
    this.lastArrival.clear();
    this.sentAt.clear();
    this.mutationOf.clear();
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.length = 0;
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface MemorySample {
  rss: number;
  heapUsed: number;
  external: number;
}

/** Asks a process started with bench/memory-probe.cjs for its memory after a full GC. */
export async function probeMemory(pid: number, file: string): Promise<MemorySample> {
  const { existsSync, rmSync } = await import('node:fs');
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`no memory report from process ${pid} within 10 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 20));
  return JSON.parse(readFileSync(file, 'utf8'));
}
