import { type CommentPeriodEntity, PeriodStatus } from './comment-period.entity';

type Timed = Pick<CommentPeriodEntity, 'scheduledAt' | 'synthesisPublishedAt' | 'opensAt' | 'closesAt'>;

/**
 * The state is a function of the stored times and the clock, never a stored flag: a period opens and
 * closes exactly at its times, also when no server was running at that moment. Open is the half-open
 * interval [opensAt, closesAt): at closesAt itself the period is closed.
 */
export function statusAt(period: Timed, now: Date): PeriodStatus {
  if (period.synthesisPublishedAt) return PeriodStatus.SYNTHESIS_PUBLISHED;
  if (!period.scheduledAt) return PeriodStatus.DRAFT;
  if (now < period.opensAt) return PeriodStatus.SCHEDULED;
  if (now < period.closesAt) return PeriodStatus.OPEN;
  return PeriodStatus.CLOSED;
}

/** Valid IANA time zone names, as the runtime knows them. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One formatter per zone: making an Intl.DateTimeFormat costs far more than using one. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at an instant, e.g. "+01:00", so clients can show local times without a tz database. */
export function utcOffset(zone: string, at: Date): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    if (offsetFormats.size < 1000) offsetFormats.set(zone, format); // zones are validated names: a few hundred at most
  }
  const part = format.formatToParts(at).find((p) => p.type === 'timeZoneName');
  const value = part?.value.replace('GMT', '') ?? '';
  return value === '' ? '+00:00' : value;
}
