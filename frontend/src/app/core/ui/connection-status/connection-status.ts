import type { ConnectionStatus } from '../../realtime/connection-state';

export interface StatusText {
  /** One word for the compact header badge. */
  short: string;
  /** Tooltip / screen-reader detail. */
  detail: string;
}

export const STATUS_TEXT: Record<ConnectionStatus, StatusText> = {
  connected: { short: 'Live', detail: 'Connected: changes from others appear as they happen.' },
  connecting: { short: 'Connecting', detail: 'Connecting to live updates… Meanwhile the server is checked every 5 s.' },
  disconnected: {
    short: 'Offline',
    detail: 'Live updates are disconnected and will reconnect. Meanwhile the server is checked every 5 s.',
  },
  error: { short: 'Error', detail: 'Live updates failed and will retry. Meanwhile the server is checked every 5 s.' },
};

/** The mode line browser tests read. */
export function realtimeModeText(status: ConnectionStatus): string {
  return status === 'connected' ? 'Real-time updates active' : 'Using polling fallback';
}
