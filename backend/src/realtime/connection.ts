import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import type { VerifiedToken } from '../auth/token-verifier';
import { setSocketAuth, type SocketAuth } from '../auth/ws-jwt.guard';
import { MessageRateLimiter } from './message-rate-limiter';
import { closeCodes, type ControlEventType, type ServerEventDataMap } from '@taskpulse/contract';

export interface ConnectionLimits {
  maxBufferedBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
}

const OPEN = 1;
const AS_TEXT = { binary: false } as const;
const CONNECTION = Symbol('connection');
type TaggedSocket = WebSocket & { [CONNECTION]: Connection };

// Listeners shared by every socket (`this` is the socket): one closure per connection each would add up.
function onMessage(this: WebSocket): void {
  const connection = (this as TaggedSocket)[CONNECTION];
  if (!connection.limiter.take()) connection.close(closeCodes.POLICY_VIOLATION, 'too many messages');
}
function onPong(this: WebSocket): void {
  (this as TaggedSocket)[CONNECTION].alive = true;
}

/**
 * One accepted socket: who it is and how far it has got in the log (`position`). Delivery reaches it only once its
 * replay has caught up (`goLive`). Closes itself when the client floods (1008) or when it cannot keep up with live
 * events (1013).
 */
export class Connection {
  private static readonly logger = new Logger(Connection.name);
  readonly id = randomUUID();
  readonly auth: SocketAuth;
  /** Set by the keep-alive sweep, cleared on each pong. */
  alive = true;
  /** The close code this server chose, if it closed the socket. */
  closeCode: number | null = null;
  private position = 0;
  private live = false;
  readonly limiter: MessageRateLimiter;

  constructor(
    readonly socket: WebSocket,
    token: VerifiedToken,
    private readonly limits: ConnectionLimits,
  ) {
    this.auth = { userId: token.userId, sessionId: token.sessionId, expiresAt: token.expiresAt };
    setSocketAuth(socket, this.auth);
    this.limiter = new MessageRateLimiter(limits.messagesPerSecond, limits.messageBurst);
    (socket as TaggedSocket)[CONNECTION] = this;
    socket.on('message', onMessage);
    socket.on('pong', onPong);
  }

  get userId(): string {
    return this.auth.userId;
  }

  get isOpen(): boolean {
    return this.socket.readyState === OPEN;
  }

  get isLive(): boolean {
    return this.live;
  }

  sendControl<T extends ControlEventType>(type: T, data: ServerEventDataMap[T]): void {
    this.write(Buffer.from(JSON.stringify({ event_type: type, timestamp: new Date().toISOString(), data })), false);
  }

  /** A live event; skipped when the client already has it. True when written. */
  deliverLive(seq: number, bytes: Buffer): boolean {
    if (seq <= this.position) return false;
    this.position = seq;
    return this.write(bytes, true);
  }

  /** Several live events in seq order, written inside one cork of the TCP socket. Returns how many were written. */
  deliverLiveBatch(events: ReadonlyArray<{ seq: number; bytes: Buffer }>): number {
    if (events.length === 1) return this.deliverLive(events[0].seq, events[0].bytes) ? 1 : 0;
    let written = 0;
    this.corked(() => {
      for (const event of events) if (this.deliverLive(event.seq, event.bytes)) written += 1;
    });
    return written;
  }

  /** Runs `work` with the TCP socket corked: the frames it writes leave in one write instead of one each. */
  corked(work: () => void): void {
    const tcp = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    tcp?.cork();
    try {
      work();
    } finally {
      tcp?.uncork();
    }
  }

  /** A replayed event; the replay paces itself on `bufferedAmount` instead of being cut off. */
  deliverReplayed(seq: number, bytes: Buffer): boolean {
    this.position = Math.max(this.position, seq);
    return this.write(bytes, false);
  }

  /** Ends the replay: from here on delivery brings every event after `position`. */
  goLive(position: number): void {
    this.position = Math.max(this.position, position);
    this.live = true;
  }

  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  get sessionId(): string | null {
    return this.auth.sessionId;
  }

  /** A fresh token of the same user moves the expiry forward (never back); the socket now belongs to its session. */
  extend(token: VerifiedToken): void {
    if (token.expiresAt > this.auth.expiresAt) this.auth.expiresAt = token.expiresAt;
    this.auth.sessionId = token.sessionId;
  }

  /** Called by the keep-alive sweep (every second): closes with 4401 once the token has expired unrefreshed. */
  closeIfExpired(now: number): void {
    if (now >= this.auth.expiresAt) this.close(closeCodes.TOKEN_INVALID, 'token expired');
  }

  close(code: number, reason: string): void {
    if (this.closeCode !== null || !this.isOpen) return;
    this.closeCode = code;
    if (code === closeCodes.TRY_AGAIN_LATER || code === closeCodes.POLICY_VIOLATION) {
      Connection.logger.warn(`closing connection ${this.id} of user ${this.userId}: ${code} ${reason}`);
    }
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.closeCode ??= 1006;
    this.socket.terminate();
  }

  dispose(): void {
    this.live = false;
  }

  private write(bytes: Buffer, live: boolean): boolean {
    if (!this.isOpen) return false;
    this.socket.send(bytes, AS_TEXT);
    if (live && this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(closeCodes.TRY_AGAIN_LATER, 'consumer too slow');
    }
    return true;
  }
}
