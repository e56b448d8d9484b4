import type { ConnectionView } from '../../realtime/connection-state';

export interface ConnectionText {
  /** The one line shown (browser tests read it as `realtime-mode`). */
  mode: string;
  /** Tooltip and screen-reader detail. */
  detail: string;
}

/**
 * Never "live" unless the connection is: "Live" over a WebSocket, "Live (compatibility mode)" over server-sent
 * events, "Polling" while neither works; offline and unreachable say so, and what the app does meanwhile.
 */
export function connectionText({ status, offline, transport }: ConnectionView): ConnectionText {
  if (offline) {
    return { mode: 'Offline', detail: 'This device is offline: nothing can be saved or received until it is back online.' };
  }
  switch (status) {
    case 'connected':
      return transport === 'sse'
        ? {
            mode: 'Live (compatibility mode)',
            detail: 'Changes by others appear as they happen, over a connection that works through this network.',
          }
        : { mode: 'Live', detail: 'Changes by others appear as they happen.' };
    case 'connecting':
      return { mode: 'Connecting…', detail: 'Connecting to live updates. Meanwhile the app checks for changes every 5 s.' };
    case 'disconnected':
    case 'error':
      return {
        mode: 'Polling',
        detail: 'Live updates are down and will reconnect by themselves. Meanwhile the app checks for changes every 5 s.',
      };
  }
}
