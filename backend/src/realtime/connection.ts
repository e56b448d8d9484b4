import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import type { VerifiedToken } from '../auth/token-verifier';
import { setSocketAuth, type SocketAuth } from '../auth/ws-jwt.guard';
import { MessageRateLimiter } from './message-rate-limiter';
import { closeCodes, type ControlEventType, type ServerEventDataMap } from '@taskpulse/contract';
import type { OutgoingMessage, RealtimeTransport } from './transport';
import { WsTransport } from './ws-transport';

export interface ConnectionLimits {
  maxBufferedBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
}

const CONNECTION = Symbol('connection');
type TaggedSocket = WebSocket & { [CONNECTION]: Connection };

/**
 * Counts a client message against its connection's rate: false (and the connection closes 1008) past it. Called by
 * the socket's one message listener (RealtimeWsAdapter) before the message is routed; a socket without a connection
 * (being refused) is not counted.
 */
export function admitClientMessage(socket: WebSocket): boolean {
  const connection = (socket as Partial<TaggedSocket>)[CONNECTION];
  if (!connection || connection.limiter.take()) return true;
  connection.close(closeCodes.POLICY_VIOLATION, 'too many messages');
  return false;
}

// A listener shared by every socket (`this` is the socket): one closure per connection would add up.
function onPong(this: WebSocket): void {
  (this as TaggedSocket)[CONNECTION].alive = true;
}

/**
 * One accepted connection, over a WebSocket or a server-sent event stream (its transport): who it is and how far it
 * has got in the log (`position`). Delivery reaches it only once its replay has caught up (`goLive`). Closes itself
 * when the client floods (1008) or when it cannot keep up with live events (1013).
 */
export class Connection {
  private static readonly logger = new Logger(Connection.name);
  readonly id = randomUUID();
  readonly auth: SocketAuth;
  /** Set by the keep-alive sweep, cleared on each pong. */
  alive = true;
  /** The close code this server chose, if it closed the connection. */
  closeCode: number | null = null;
  private position = 0;
  private live = false;
  readonly limiter: MessageRateLimiter;

  constructor(
    readonly transport: RealtimeTransport,
    token: VerifiedToken,
    private readonly limits: ConnectionLimits,
  ) {
    this.auth = { userId: token.userId, sessionId: token.sessionId, expiresAt: token.expiresAt };
    this.limiter = new MessageRateLimiter(limits.messagesPerSecond, limits.messageBurst);
    if (transport instanceof WsTransport) {
      const socket = transport.socket;
      setSocketAuth(socket, this.auth);
      (socket as TaggedSocket)[CONNECTION] = this;
      socket.on('pong', onPong);
    }
  }

  /** What the registry knows it by (the socket of a WebSocket connection). */
  get key(): object {
    return this.transport.key;
  }

  get userId(): string {
    return this.auth.userId;
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  get isLive(): boolean {
    return this.live;
  }

  /**
   * A control message. `resumeAt`: the seq a client that has read this message resumes after (an SSE event id, so
   * `Last-Event-ID` says it); not part of the message itself.
   */
  sendControl<T extends ControlEventType>(type: T, data: ServerEventDataMap[T], resumeAt?: number): void {
    const bytes = Buffer.from(JSON.stringify({ event_type: type, timestamp: new Date().toISOString(), data }));
    this.write({ type, seq: resumeAt, bytes }, false);
  }

  /** An unlogged message (presence): no seq, never skipped, never counted against the live buffer. */
  sendMessage(type: string, message: object): void {
    this.write({ type, bytes: Buffer.from(JSON.stringify(message)) }, false);
  }

  /** A live event; skipped when the client already has it. True when written. */
  deliverLive(message: Required<OutgoingMessage>): boolean {
    if (message.seq <= this.position) return false;
    this.position = message.seq;
    return this.write(message, true);
  }

  /** Several live events in seq order, written as one batch of the transport. Returns how many were written. */
  deliverLiveBatch(messages: ReadonlyArray<Required<OutgoingMessage>>): number {
    if (messages.length === 1) return this.deliverLive(messages[0]) ? 1 : 0;
    let written = 0;
    this.transport.batch(() => {
      for (const message of messages) if (this.deliverLive(message)) written += 1;
    });
    return written;
  }

  /** A replayed event; the replay paces itself on `bufferedAmount` instead of being cut off. */
  deliverReplayed(message: Required<OutgoingMessage>): boolean {
    this.position = Math.max(this.position, message.seq);
    return this.write(message, false);
  }

  /** Ends the replay: from here on delivery brings every event after `position`. */
  goLive(position: number): void {
    this.position = Math.max(this.position, position);
    this.live = true;
  }

  get bufferedAmount(): number {
    return this.transport.bufferedAmount;
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
    this.transport.close(code, reason);
  }

  terminate(): void {
    this.closeCode ??= 1006;
    this.transport.terminate();
  }

  dispose(): void {
    this.live = false;
  }

  private write(message: OutgoingMessage, live: boolean): boolean {
    if (!this.isOpen) return false;
    this.transport.send(message);
    if (live && this.transport.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(closeCodes.TRY_AGAIN_LATER, 'consumer too slow');
    }
    return true;
  }
}
