import { InjectionToken } from '@angular/core';
import { WebSocketSubject, WebSocketSubjectConfig, webSocket } from 'rxjs/webSocket';
import type { SocketFrame } from './socket-frame';

export type WebSocketFactory = (config: WebSocketSubjectConfig<SocketFrame>) => WebSocketSubject<SocketFrame>;

/** Builds the socket; tests swap in one backed by a fake WebSocket. */
export const WEB_SOCKET_FACTORY = new InjectionToken<WebSocketFactory>('WEB_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => webSocket(config),
});

/** A number in [0, 1) for backoff jitter; tests pin it to make delays exact. */
export const RANDOM_SOURCE = new InjectionToken<() => number>('RANDOM_SOURCE', {
  providedIn: 'root',
  factory: () => Math.random,
});
