import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { errorCode } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { zonedToIso } from '../lib/zoned-time';
import { CLOSE_EARLY, EXTEND_PERIOD, PUBLISH_SYNTHESIS, SCHEDULE_PERIOD } from '../operations';
import styles from './Periods.module.css';

interface Props {
  period: { id: string; status: string; timeZone: string; closesAt: string };
  unanswered: number;
  onChanged: (notice: string) => void;
}

/** What can be done next, by status: schedule a draft; extend or close an open period; publish the synthesis. */
export function PeriodActions({ period, unanswered, onChanged }: Props) {
  const t = useT();
  const id = useId();
  const [closesAt, setClosesAt] = useState('');
  const [reason, setReason] = useState('');
  const [closeReason, setCloseReason] = useState('');
  /** Closing cannot be undone: the first press asks, the second closes. */
  const [confirmingClose, setConfirmingClose] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const closeReasonRef = useRef<HTMLTextAreaElement>(null);
  const publishReasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (confirmingClose) confirmRef.current?.focus();
  }, [confirmingClose]);
  const [publishReason, setPublishReason] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [{ fetching: scheduling }, schedule] = useMutation(SCHEDULE_PERIOD);
  const [{ fetching: extending }, extend] = useMutation(EXTEND_PERIOD);
  const [{ fetching: closing }, close] = useMutation(CLOSE_EARLY);
  const [{ fetching: publishing }, publish] = useMutation(PUBLISH_SYNTHESIS);
  const zone = period.timeZone.replace(/_/g, ' ');
  const failed = (field: string, error: Parameters<typeof errorCode>[0]) => setProblem({ field, message: t('periods.manage.failed', { code: errorCode(error) ?? 'NETWORK' }) });

  const onExtend = async (event: FormEvent) => {
    event.preventDefault();
    const iso = zonedToIso(closesAt, period.timeZone);
    if (!iso) return setProblem({ field: 'extend', message: t('periods.manage.extendMissing') });
    if (iso <= period.closesAt) return setProblem({ field: 'extend', message: t('periods.manage.extendEarlier') });
    const result = await extend({ id: period.id, closesAt: iso, reason: reason.trim() || null });
    if (result.error) return failed('extend', result.error);
    setProblem(null);
    onChanged(t('periods.manage.extended'));
  };
  const onClose = async (event: FormEvent) => {
    event.preventDefault();
    if (!closeReason.trim()) {
      closeReasonRef.current?.focus(); // the field says what is missing
      return setProblem({ field: 'close', message: t('periods.manage.closeReasonMissing') });
    }
    setProblem(null);
    if (!confirmingClose) return setConfirmingClose(true);
    setConfirmingClose(false);
    const result = await close({ id: period.id, reason: closeReason.trim() });
    if (result.error) return failed('close', result.error);
    setProblem(null);
    onChanged(t('periods.manage.closed'));
  };
  const onPublish = async (event: FormEvent) => {
    event.preventDefault();
    if (unanswered > 0 && !publishReason.trim()) {
      publishReasonRef.current?.focus();
      return setProblem({ field: 'publish', message: t('periods.manage.publishReasonMissing', { count: unanswered }) });
    }
    const result = await publish({ id: period.id, reason: publishReason.trim() || null });
    if (result.error) return failed('publish', result.error);
    setProblem(null);
    onChanged(t('periods.manage.published'));
  };
  const error = (field: string) => (problem?.field === field ? problem.message : null);

  if (period.status === 'DRAFT') {
    return (
      <section aria-labelledby={`${id}-schedule`} className={styles.action}>
        <h2 id={`${id}-schedule`}>{t('periods.manage.scheduleTitle')}</h2>
        <p>{t('periods.manage.scheduleHint')}</p>
        {error('schedule') ? <p role="alert">{error('schedule')}</p> : null}
        <Button
          disabled={scheduling}
          onClick={async () => {
            const result = await schedule({ id: period.id });
            if (result.error) return failed('schedule', result.error);
            onChanged(t('periods.manage.scheduled'));
          }}
        >
          {t('periods.manage.schedule')}
        </Button>
      </section>
    );
  }
  if (period.status === 'SCHEDULED' || period.status === 'OPEN') {
    return (
      <>
        <section aria-labelledby={`${id}-extend`} className={styles.action}>
          <h2 id={`${id}-extend`}>{t('periods.manage.extendTitle')}</h2>
          <form onSubmit={(e) => void onExtend(e)} noValidate>
            <Field label={t('periods.manage.newClose', { zone })} error={error('extend')} id={`${id}-closes`}>
              <input type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
            </Field>
            <Field label={t('periods.manage.extendReason')} hint={t('periods.manage.extendReasonHint')}>
              <textarea rows={2} dir="auto" value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <Button type="submit" variant="secondary" disabled={extending}>
              {t('periods.manage.extend')}
            </Button>
          </form>
        </section>
        {period.status === 'OPEN' ? (
          <section aria-labelledby={`${id}-close`} className={styles.action}>
            <h2 id={`${id}-close`}>{t('periods.manage.closeTitle')}</h2>
            <form onSubmit={(e) => void onClose(e)} noValidate>
              <Field label={t('periods.manage.closeReason')} hint={t('periods.manage.closeReasonHint')} error={error('close')} id={`${id}-close-reason`}>
                <textarea ref={closeReasonRef} rows={2} dir="auto" value={closeReason} onChange={(e) => (setCloseReason(e.target.value), setConfirmingClose(false))} />
              </Field>
              {confirmingClose ? (
                <>
                  <p ref={confirmRef} tabIndex={-1} className={styles.confirm}>
                    {t('periods.manage.closeConfirm')}
                  </p>
                  <div className={styles.buttons}>
                    <Button type="submit" variant="warning" disabled={closing}>
                      {t('periods.manage.closeConfirmYes')}
                    </Button>
                    <Button variant="quiet" onClick={() => setConfirmingClose(false)}>
                      {t('periods.manage.closeConfirmNo')}
                    </Button>
                  </div>
                </>
              ) : (
                <Button type="submit" variant="warning" disabled={closing}>
                  {t('periods.manage.close')}
                </Button>
              )}
            </form>
          </section>
        ) : null}
      </>
    );
  }
  if (period.status === 'CLOSED') {
    return (
      <section aria-labelledby={`${id}-publish`} className={styles.action}>
        <h2 id={`${id}-publish`}>{t('periods.manage.publishTitle')}</h2>
        <p>{unanswered > 0 ? t('periods.manage.publishUnanswered', { count: unanswered }) : t('periods.manage.publishReady')}</p>
        <form onSubmit={(e) => void onPublish(e)} noValidate>
          {unanswered > 0 ? (
            <Field label={t('periods.manage.publishReason')} error={error('publish')} id={`${id}-publish-reason`}>
              <textarea ref={publishReasonRef} rows={2} dir="auto" value={publishReason} onChange={(e) => setPublishReason(e.target.value)} />
            </Field>
          ) : error('publish') ? (
            <p role="alert">{error('publish')}</p>
          ) : null}
          <Button type="submit" disabled={publishing}>
            {t('periods.manage.publish')}
          </Button>
        </form>
      </section>
    );
  }
  return null;
}
