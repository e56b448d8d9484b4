/** What the trash page says about a deleted task and about how long the trash keeps it. */

/**
 * The server's default `TRASH_RETENTION`. The API does not say which value a server runs with, so the page
 * states the default (README: "Configuration").
 */
export const TRASH_RETENTION_DAYS = 30;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", "12 days ago"; a date past a trash's lifetime. */
export function deletedWhen(deletedAt: string, now: number): string {
  const at = Date.parse(deletedAt);
  // A clock a little ahead of the server's must not say "in 2 minutes".
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return RELATIVE.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return RELATIVE.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < (TRASH_RETENTION_DAYS + 1) * DAY) return RELATIVE.format(-Math.floor(ago / DAY), 'day');
  return `on ${DATE.format(at)}`;
}

/** "Deleted 5 minutes ago by you", "Deleted yesterday by Ben Okafor", or without "by" when the name is unknown. */
export function deletedLine(deletedAt: string, now: number, by: string | null): string {
  const who = by === 'You' ? 'you' : by;
  return `Deleted ${deletedWhen(deletedAt, now)}${who ? ` by ${who}` : ''}`;
}

export const RETENTION_TEXT = `Deleted tasks stay here for ${TRASH_RETENTION_DAYS} days, then they are deleted for good.`;
