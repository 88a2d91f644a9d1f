import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { countdown as countdownOf } from '../../../i18n/countdown';
import { useLocale } from '../../../i18n/I18nProvider';
import { type MessageId, useT } from '../../../i18n/t';
import type { Period } from '../api';
import styles from './PeriodSummary.module.css';

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
const MINUTE = 60_000;

/** The current time, ticking every minute (for the countdown). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const STATUS: Record<string, MessageId> = {
  DRAFT: 'consultation.status.DRAFT',
  SCHEDULED: 'consultation.status.SCHEDULED',
  OPEN: 'consultation.status.OPEN',
  CLOSED: 'consultation.status.CLOSED',
  SYNTHESIS_PUBLISHED: 'consultation.status.SYNTHESIS_PUBLISHED',
};

/** Status, opening and closing times in the reader's zone and the period's own, with a countdown. */
export function PeriodSummary({ period }: { period: Period }) {
  const t = useT();
  const intl = useIntl();
  const { timeZone: readerZone } = useLocale();
  const now = useNow();
  const closes = Date.parse(period.closesAt);
  const opens = Date.parse(period.opensAt);
  const scheduled = period.status === 'SCHEDULED';
  const moment = scheduled ? opens : closes;
  const iso = scheduled ? period.opensAt : period.closesAt;
  const { value, unit } = countdownOf(moment - now);
  const countdown = intl.formatRelativeTime(value, unit, { numeric: 'auto' });
  const sameZone = intl.formatDate(moment, { timeZone: readerZone, timeZoneName: 'longOffset' }) === intl.formatDate(moment, { timeZone: period.timeZone, timeZoneName: 'longOffset' });

  const headline: MessageId = scheduled ? 'consultation.when.opens' : period.status === 'OPEN' ? 'consultation.when.closes' : 'consultation.when.closed';

  return (
    <div className={styles.summary}>
      <p className={styles.status}>
        <span className={[styles.tag, styles[period.status] ?? ''].join(' ')}>{t(STATUS[period.status] ?? 'consultation.status.OPEN')}</span>
        {scheduled || period.status === 'OPEN' ? <strong className={styles.countdown}>{t(scheduled ? 'consultation.when.opensIn' : 'consultation.when.closesIn', { relative: countdown })}</strong> : null}
      </p>
      <dl className={styles.times}>
        <div>
          <dt>{t(headline)}</dt>
          <dd>
            <time dateTime={iso}>{intl.formatDate(moment, { ...DATE, timeZone: readerZone })}</time>
            {sameZone ? null : <span className={styles.zone}> {t('consultation.when.yourTime')}</span>}
          </dd>
          {sameZone ? null : (
            <dd>
              <time dateTime={iso}>{intl.formatDate(moment, { ...DATE, timeZone: period.timeZone })}</time>
              <span className={styles.zone}> {/^(Etc\/)?(UTC|GMT)$/.test(period.timeZone) ? t('consultation.when.periodTimeUtc') : t('consultation.when.periodTime', { zone: period.timeZone.replace(/_/g, ' '), offset: period.closesAtUtcOffset })}</span>
            </dd>
          )}
        </div>
        {period.inclusionCutoffAt ? (
          <div>
            <dt>{t('consultation.when.cutoff')}</dt>
            <dd>
              <time dateTime={period.inclusionCutoffAt}>{intl.formatDate(period.inclusionCutoffAt, { ...DATE, timeZone: readerZone })}</time>
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
