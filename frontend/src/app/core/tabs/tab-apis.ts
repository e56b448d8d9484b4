/**
 * The browser APIs through which tabs of one browser coordinate: Web Locks (one tab does a thing at a time)
 * and BroadcastChannel (tabs tell each other). Injected, so specs drive them by hand; where a browser lacks
 * them each tab acts alone.
 */
import { InjectionToken } from '@angular/core';

/** The part of `navigator.locks` used here: an exclusive lock held while `callback`'s promise runs. */
export interface TabLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of BroadcastChannel used here. */
export interface TabChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

export type TabChannelFactory = (name: string) => TabChannel | null;

export const TAB_LOCKS = new InjectionToken<TabLocks | null>('TAB_LOCKS', {
  providedIn: 'root',
  factory: () => {
    const locks = globalThis.navigator?.locks;
    return locks
      ? { request: <T>(name: string, callback: () => Promise<T>) => locks.request(name, { mode: 'exclusive' }, callback) as Promise<T> }
      : null;
  },
});

export const TAB_CHANNEL_FACTORY = new InjectionToken<TabChannelFactory>('TAB_CHANNEL_FACTORY', {
  providedIn: 'root',
  factory: () => (name) => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name)),
});
