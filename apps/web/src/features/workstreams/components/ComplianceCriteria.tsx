import { useT } from '../../../i18n/t';
import { label } from '../labels';
import styles from '../workstreams.module.css';

export interface Compliance {
  compliant: boolean;
  reportingYear: number;
  criteria: readonly { criterion: string; met: boolean; applies: boolean; detail: string }[];
}

/** A DC's minimum requirements, each met or not in words (and a mark), with the API's explanation. */
export function ComplianceCriteria({ compliance }: { compliance: Compliance }) {
  const t = useT();
  const year = String(compliance.reportingYear);
  return (
    <>
      <p className={compliance.compliant ? styles.met : styles.notMet}>
        <span aria-hidden="true">{compliance.compliant ? '✓ ' : '✗ '}</span>
        {compliance.compliant ? t('workstreams.compliance.compliant', { year }) : t('workstreams.compliance.notCompliant', { year })}
      </p>
      <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('workstreams.compliance.caption', { year })}>
        <table className={styles.table}>
          <caption>{t('workstreams.compliance.caption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workstreams.compliance.requirement')}</th>
              <th scope="col">{t('workstreams.compliance.result')}</th>
              <th scope="col">{t('workstreams.compliance.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {compliance.criteria.map((criterion) => (
              <tr key={criterion.criterion}>
                <th scope="row">{label(t, 'criterion', criterion.criterion)}</th>
                <td>
                  <Verdict met={criterion.met} applies={criterion.applies} />
                </td>
                <td lang="en" dir="ltr">
                  {criterion.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function Verdict({ met, applies }: { met: boolean; applies: boolean }) {
  const t = useT();
  if (!applies) return <span className={styles.muted}>{t('workstreams.compliance.notApplicable')}</span>;
  return (
    <span className={met ? styles.met : styles.notMet}>
      <span aria-hidden="true">{met ? '✓ ' : '✗ '}</span>
      {met ? t('workstreams.compliance.met') : t('workstreams.compliance.notMet')}
    </span>
  );
}
