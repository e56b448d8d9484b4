import type { ConnectionView } from '../../realtime/connection-state';

export interface ConnectionText {
  /** The one line shown (browser tests read it as `realtime-mode`). */
  mode: string;
  /** Tooltip and screen-reader detail. */
  detail: string;
}

/** Never "live" unless the socket is: offline and unreachable say so, and what the app does meanwhile. */
export function connectionText({ status, offline }: ConnectionView): ConnectionText {
  if (offline) {
    return { mode: 'Offline', detail: 'This device is offline: nothing can be saved or received until it is back online.' };
  }
  switch (status) {
    case 'connected':
      return { mode: 'Real-time updates active', detail: 'Changes by others appear as they happen.' };
    case 'connecting':
      return { mode: 'Connecting…', detail: 'Connecting to live updates. Meanwhile the app checks for changes every 5 s.' };
    case 'disconnected':
    case 'error':
      return {
        mode: 'Using polling fallback',
        detail: 'Live updates are down and will reconnect by themselves. Meanwhile the app checks for changes every 5 s.',
      };
  }
}
