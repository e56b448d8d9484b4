/** Normalises an accepted ISO-8601 date or date-time to the stored form (UTC with milliseconds). */
export function toIsoInstant(value: string): string {
  return new Date(value).toISOString();
}
