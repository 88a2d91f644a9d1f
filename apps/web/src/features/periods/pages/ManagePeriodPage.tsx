import { useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Button } from '../../../design/Button';
import { Loading } from '../../../design/Loading';
import { accessToken } from '../../../graphql/client';
import { errorCode } from '../../../graphql/errors';
import { type MessageId, useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { fileName, saveFile } from '../../versions/downloads';
import { PeriodActions } from '../components/PeriodActions';
import { SynthesisView } from '../components/SynthesisView';
import { MANAGE_PERIOD } from '../operations';
import styles from '../components/Periods.module.css';

const DOWNLOADS = [
  { key: 'csv', path: 'comments?format=csv', type: 'text/csv;charset=utf-8', extension: 'csv', suffix: 'comments' },
  { key: 'json', path: 'comments?format=json', type: 'application/json;charset=utf-8', extension: 'json', suffix: 'comments' },
  { key: 'markdown', path: 'responses?format=markdown', type: 'text/markdown;charset=utf-8', extension: 'md', suffix: 'responses' },
  { key: 'html', path: 'responses?format=html', type: 'text/html;charset=utf-8', extension: 'html', suffix: 'responses' },
] as const;

/**
 * `/comment-periods/<id>/manage`: the facilitators' console for one period: where it stands, the
 * answer board and the moderation queue, what can be done next (schedule, extend with a reason, close
 * early, publish the synthesis: refused while comments are unanswered unless a reason is given), the
 * downloads (every comment as CSV or JSON, the comment–response table) and the synthesis so far.
 */
export function ManagePeriodPage() {
  const t = useT();
  const intl = useIntl();
  const { periodId = '' } = useParams();
  const session = useSession();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MANAGE_PERIOD, variables: { id: periodId }, pause: !session, requestPolicy: 'cache-and-network' });
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const period = data?.commentPeriod;
  usePageTitle(period ? t('periods.manage.title', { title: period.title }) : t('periods.manage.titleShort'));

  if (!session) {
    return (
      <>
        <h1>{t('periods.manage.titleShort')}</h1>
        <p>
          <SignInLink>{t('periods.manage.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  if (!period) {
    if (errorCode(error) === 'NOT_FOUND') return <NotFound />;
    return fetching || !error ? <Loading /> : <p role="alert">{t('periods.manage.loadFailed')}</p>;
  }
  if (!period.viewerCanFacilitate) {
    return (
      <>
        <h1 dir="auto">{t('periods.manage.titleShort')}</h1>
        <p>{t('periods.manage.notFacilitator')}</p>
      </>
    );
  }
  const synthesis = period.synthesis;
  const unanswered = synthesis?.byDisposition.find((d) => d.disposition === 'UNANSWERED')?.count ?? 0;
  const total = synthesis?.totalComments ?? 0;
  // (dateStyle cannot be combined with timeZoneName: the fields are spelt out)
  const inZone = (iso: string) => intl.formatDate(iso, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: period.timeZone, timeZoneName: 'short' });
  const download = async (d: (typeof DOWNLOADS)[number]) => {
    setDownloadFailed(false);
    const token = await accessToken();
    const response = await fetch(`/comment-periods/${encodeURIComponent(period.id)}/${d.path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) return setDownloadFailed(true);
    saveFile(await response.blob(), d.type, fileName(`${period.title} - ${d.suffix}`, d.extension));
  };

  return (
    <>
      <p>
        <Link to={`/comment-periods/${period.id}`}>{t('periods.manage.public')}</Link>
      </p>
      <h1 dir="auto">{t('periods.manage.title', { title: period.title })}</h1>
      <p className={styles.status}>
        <strong>{t(`periods.status.${period.status}` as MessageId)}</strong> · {t('periods.manage.opens', { when: inZone(period.opensAt) })} · {t('periods.manage.closes', { when: inZone(period.closesAt) })}
      </p>
      <p ref={noticeRef} tabIndex={-1} role="status" aria-live="polite" className={notice ? styles.notice : undefined}>
        {notice}
      </p>
      <p>{t('periods.manage.progress', { answered: total - unanswered, total })}</p>
      <ul className={styles.links}>
        <li>
          <Link to={`/comment-periods/${period.id}/answers`}>{t('periods.manage.board')}</Link>
        </li>
        <li>
          <Link to={`/comment-periods/${period.id}/moderation`}>{t('periods.manage.moderation')}</Link>
        </li>
        {period.status === 'DRAFT' || period.status === 'SCHEDULED' ? (
          <li>
            <Link to={`/comment-periods/${period.id}/edit`}>{t('periods.edit.link')}</Link>
          </li>
        ) : null}
      </ul>
      <PeriodActions
        period={period}
        unanswered={unanswered}
        onChanged={(message) => {
          setNotice(message);
          // the form that was used goes away with the new status: the keyboard lands on what happened
          noticeRef.current?.focus();
          refetch({ requestPolicy: 'network-only' });
        }}
      />
      <section aria-labelledby="downloads" className={styles.action}>
        <h2 id="downloads">{t('periods.manage.downloads')}</h2>
        <div className={styles.downloads}>
          {DOWNLOADS.map((d) => (
            <Button key={d.key} variant="secondary" onClick={() => void download(d)}>
              {t(`periods.manage.download.${d.key}` as MessageId)}
            </Button>
          ))}
        </div>
        {downloadFailed ? <p role="alert">{t('periods.manage.downloadFailed')}</p> : null}
      </section>
      {synthesis ? <SynthesisView synthesis={synthesis} published={period.status === 'SYNTHESIS_PUBLISHED'} /> : null}
    </>
  );
}
