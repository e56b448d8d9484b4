/**
 * Normalises an accepted ISO-8601 date or date-time to the stored form (UTC with milliseconds).
 * A date-time without an offset is read as UTC, never in the server's own time zone.
 */
export function toIsoInstant(value: string): string {
  const hasTime = value.includes('T');
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value);
  return new Date(hasTime && !hasZone ? `${value}Z` : value).toISOString();
}
