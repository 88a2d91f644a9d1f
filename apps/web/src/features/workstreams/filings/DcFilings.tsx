import { useIntl } from 'react-intl';
import { useQuery } from 'urql';
import { useT } from '../../../i18n/t';
import styles from '../workstreams.module.css';
import { FileForm } from './FileForm';
import { FILINGS } from './operations';

/**
 * A Dynamic Coalition's filings with the Secretariat (annual reports, session reports, session
 * requests), newest year first, each linked to its report; its coordinators (and the Secretariat) file
 * new ones here: a link to a report kept elsewhere, or one of the coalition's published annual-report
 * documents. The compliance check reads these filings.
 */
export function DcFilings({ workstreamId, manages, onFiled }: { workstreamId: string; manages: boolean; onFiled: () => void }) {
  const t = useT();
  const intl = useIntl();
  const [{ data, error }, refetch] = useQuery({ query: FILINGS, variables: { id: workstreamId }, requestPolicy: 'cache-and-network' });
  const workstream = data?.workstream;
  const filings = [...(workstream?.filings ?? [])].sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
  return (
    <section className={styles.section} aria-labelledby="filings">
      <h2 id="filings">{t('workstreams.filings.heading')}</h2>
      {error && !workstream ? <p role="alert">{t('workstreams.loadError')}</p> : null}
      {workstream && !filings.length ? <p>{t('workstreams.filings.none')}</p> : null}
      {filings.length ? (
        <ul>
          {filings.map((f) => (
            <li key={f.id}>
              {t('workstreams.filings.item', { kind: t(`workstreams.filings.kind.${f.kind}` as 'workstreams.filings.kind.ANNUAL_REPORT'), year: f.year })}
              {': '}
              {f.url ? (
                <a href={f.url} dir="auto">
                  {f.title}
                </a>
              ) : f.document ? (
                <a href={`/documents/${f.document.id}/versions`} dir="auto">
                  {f.title}
                </a>
              ) : (
                <span dir="auto">{f.title}</span>
              )}
              <span className={styles.muted}> · {t('workstreams.filings.filed', { date: intl.formatDate(f.filedAt, { dateStyle: 'medium' }) })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {manages && workstream ? (
        <FileForm
          workstreamId={workstreamId}
          reports={workstream.reports.edges.map((e) => e.node)}
          onFiled={() => {
            refetch({ requestPolicy: 'network-only' });
            onFiled();
          }}
        />
      ) : null}
    </section>
  );
}
