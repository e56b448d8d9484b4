export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 32_000;
export const BACKOFF_JITTER = 0.2;

/** 1 s, 2 s, 4 s … capped at 32 s, each spread by ±20 % so clients do not reconnect in lockstep. */
export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS);
  return Math.round(base * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random()));
}
