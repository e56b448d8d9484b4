export const PING_INTERVAL_MS = 30_000;
/**
 * A ping unanswered this long means the connection is dead. Well inside the server's 30 s heartbeat, so the
 * badge stops saying "live" within seconds of the server becoming unreachable, not at the next ping.
 */
export const PONG_TIMEOUT_MS = 5_000;
export const POLL_INTERVAL_MS = 5_000;
/** How long to wait for the app's REST refetch after `resync_required` before resuming at the log head. */
export const RESYNC_GRACE_MS = 5_000;
