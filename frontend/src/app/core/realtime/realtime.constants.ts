export const PING_INTERVAL_MS = 30_000;
export const POLL_INTERVAL_MS = 5_000;
/** How long to wait for the app's REST refetch after `resync_required` before resuming at the log head. */
export const RESYNC_GRACE_MS = 5_000;
