const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "in 3 days", "in 5 hours", "2 days ago": the largest unit that still says something, to the nearest
 * (a deadline 47 hours 59 minutes away is "in 2 days"; the exact time is always shown beside it). The
 * one rule for every countdown, so the home page and the period page never disagree.
 */
export function countdown(ms: number): { value: number; unit: 'day' | 'hour' | 'minute' } {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? -1 : 1;
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 120) return { value: sign * Math.max(1, minutes), unit: 'minute' };
  const hours = Math.round(abs / HOUR);
  if (hours < 48) return { value: sign * hours, unit: 'hour' };
  return { value: sign * Math.round(abs / DAY), unit: 'day' };
}
