import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../../../i18n/t';
import { type PeriodForm, questionsOf } from '../lib/period-form';
import { zonedToIso } from '../lib/zoned-time';
import styles from './Periods.module.css';

/** What the public will see of the period, as the form stands: title, times in its zone, questions, who may comment. */
export function PeriodPreview({ form }: { form: PeriodForm }) {
  const t = useT();
  const intl = useIntl();
  const id = useId();
  const when = (local: string) => {
    const iso = zonedToIso(local, form.timeZone);
    return iso ? intl.formatDate(iso, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: form.timeZone }) : t('periods.preview.unset');
  };
  return (
  <aside className={styles.preview} aria-labelledby={`${id}-preview`}>
    <h2 id={`${id}-preview`}>{t('periods.preview.heading')}</h2>
    <p className={styles.kicker}>{t('periods.preview.kicker')}</p>
    <p className={styles.previewTitle} dir="auto">
      {form.title.trim() || t('periods.preview.untitled')}
    </p>
    <dl className={styles.times}>
      <dt>{t('periods.preview.opens')}</dt>
      <dd>{when(form.opensAt)}</dd>
      <dt>{t('periods.preview.closes')}</dt>
      <dd>{when(form.closesAt)}</dd>
    </dl>
    {form.instructions.trim() ? (
      <p dir="auto" className={styles.instructions}>
        {form.instructions.trim()}
      </p>
    ) : null}
    {questionsOf(form.questions).length ? (
      <>
        <h3>{t('periods.preview.questions')}</h3>
        <ol>
          {questionsOf(form.questions).map((q) => (
            <li key={q} dir="auto">
              {q}
            </li>
          ))}
        </ol>
      </>
    ) : null}
    <p>{form.participation === 'REGISTERED_AND_GUESTS' ? t('periods.preview.guests') : t('periods.preview.registered')}</p>
    {form.moderation === 'PRE_MODERATION' ? <p>{t('periods.preview.preModeration')}</p> : null}
  </aside>
  );
}
