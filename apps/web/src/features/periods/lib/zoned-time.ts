import { fromDate, parseDateTime, toZoned } from '@internationalized/date';

/**
 * A period's times are announced in its own time zone ("closes 15 March, 23:59 Geneva time"), whatever
 * the facilitator's computer says: a `datetime-local` field's wall-clock value is read in the period's
 * zone (with @internationalized/date, which knows each zone's offsets and their changes), and shown
 * back the same way.
 */

/** `2026-12-01T09:00` in `timeZone` → the instant, as ISO 8601 UTC; null for an empty or invalid value. */
export function zonedToIso(local: string, timeZone: string): string | null {
  if (!local) return null;
  try {
    return toZoned(parseDateTime(local), timeZone).toDate().toISOString();
  } catch {
    return null;
  }
}

/** An instant → the `datetime-local` value (minutes) it reads as in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): string {
  const z = fromDate(new Date(iso), timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(z.year, 4)}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}`;
}

/**
 * Every IANA zone the browser knows, the reader's own first, then UTC (Chromium's list of canonical
 * zones leaves UTC out, and many IGF periods are announced in it), then the rest.
 */
export function timeZones(own: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([own, 'UTC', ...all])];
}
