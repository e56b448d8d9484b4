const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `15m`, `7d`, `30s`, `250ms` or a bare number of seconds into milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`${name} must be a duration like 30s, 15m, 7d (got "${text}")`);
  return Math.round(Number(match[1]) * units[match[2] ?? 's']);
}
