import type { ClientMessage } from '@taskpulse/contract';
import type { ConnectionInput, ConnectionView } from './connection-state';
import { type EventSourceFactory, type LiveTransport, eventSourceTransport, eventsUrl, webSocketTransport } from './live-transport';
import type { WebSocketFactory } from './realtime.tokens';
import { socketUrl } from './socket-url';
import { FIRST_CHOICE, type Transport, afterFailure, afterOpened, beforeAttempt } from './transport-choice';

export interface TransportDeps {
  readonly createSocket: WebSocketFactory;
  readonly createEventSource: EventSourceFactory;
  readonly location: () => Pick<Location, 'protocol' | 'host'>;
  /** Whether REST requests get answers (the server is there, only upgrades fail). */
  readonly serverAnswers: () => boolean;
}

/** The current transport (one at a time), opened as the transport choice says, which learns from each attempt. */
export class Transports {
  private current: LiveTransport | null = null;
  private choice = FIRST_CHOICE;

  constructor(private readonly deps: TransportDeps) {}

  /** The transport the next (or current) attempt uses. */
  get chosen(): Transport {
    return this.choice.transport;
  }

  get kind(): Transport | null {
    return this.current?.kind ?? null;
  }

  /** Closes any current one, then opens the chosen transport resuming after `since`; it reports through `report`. */
  open(token: string, since: number | null, report: (input: ConnectionInput) => void): void {
    this.close();
    this.choice = beforeAttempt(this.choice, Date.now());
    let opened = false;
    // Callbacks count only while their transport is the current one; a replaced one's late events are ignored.
    const relay = (input: ConnectionInput) => {
      if (this.current !== transport) return;
      if (input.type === 'opened') {
        opened = true;
        this.choice = afterOpened(this.choice);
      } else if ((input.type === 'failed' || input.type === 'closed') && !opened) {
        this.choice = afterFailure(this.choice, Date.now(), this.deps.serverAnswers());
      }
      report(input);
    };
    const location = this.deps.location();
    const transport =
      this.choice.transport === 'sse'
        ? eventSourceTransport(this.deps.createEventSource, eventsUrl(location, token, since), relay)
        : webSocketTransport(this.deps.createSocket, socketUrl(location, token, since), relay);
    this.current = transport;
    transport.start();
  }

  send(message: ClientMessage): void {
    this.current?.send(message);
  }

  close(goodbye?: { code: number; reason: string }): void {
    const transport = this.current;
    this.current = null;
    transport?.close(goodbye);
  }
}

/** Said only while live over server-sent events ("Live (compatibility mode)"); a live view without it is a socket. */
export function withTransport(view: ConnectionView, transport: Transport): ConnectionView {
  return view.status === 'connected' && transport === 'sse' ? { ...view, transport } : view;
}
