import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { type ResultOf } from '../../../graphql/graphql';
import { useT } from '../../../i18n/t';
import { igfYear } from '../../workstreams/igf-year';
import type { Done } from '../lib/use-outcome';
import { RUN_COMPLIANCE_CHECK } from '../operations';
import styles from '../Secretariat.module.css';

type CheckResult = ResultOf<typeof RUN_COMPLIANCE_CHECK>['runDcComplianceCheck'];

/**
 * The yearly check of every active Dynamic Coalition against the minimum requirements: those that do
 * not meet them become inactive, each with its reasons. It changes coalitions' status, so it asks
 * for confirmation first, then lists what it did.
 */
export function ComplianceCheck({ done }: { done: Done }) {
  const t = useT();
  const [, run] = useMutation(RUN_COMPLIANCE_CHECK);
  const [year, setYear] = useState(String(new Date().getUTCFullYear() - 1));
  const [yearError, setYearError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const value = igfYear(year);

  const ask = () => {
    if (value === null) return setYearError(t('secretariat.cycles.yearInvalid'));
    setYearError(null);
    setConfirming(true);
  };
  const confirm = async () => {
    setBusy(true);
    if (value === null) return;
    const outcome = await run({ year: value });
    setBusy(false);
    setConfirming(false);
    if (done(outcome, t('secretariat.compliance.ran', { year: value, count: outcome.data?.runDcComplianceCheck.deactivated.length ?? 0 })) && outcome.data) {
      setResult(outcome.data.runDcComplianceCheck);
    }
  };

  return (
    <>
      <p>
        <Link to={`/dynamic-coalitions/compliance?year=${value ?? ''}`}>{t('secretariat.compliance.report')}</Link>
      </p>
      <Field label={t('secretariat.compliance.year')} hint={t('secretariat.compliance.yearHint')} error={yearError}>
        <input inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} disabled={confirming} />
      </Field>
      {confirming ? (
        <div className={styles.actions} role="group" aria-labelledby="compliance-confirm">
          <p id="compliance-confirm" className={styles.reasonForm}>
            {t('secretariat.compliance.confirmText', { year: value })}
          </p>
          <Button variant="warning" disabled={busy} onClick={() => void confirm()}>
            {t('secretariat.compliance.confirm', { year: value })}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {t('secretariat.reason.cancel')}
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={ask}>
          {t('secretariat.compliance.run')}
        </Button>
      )}
      {result ? (
        <div aria-labelledby="compliance-result">
          <h3 id="compliance-result">{t('secretariat.compliance.result', { year: result.reportingYear })}</h3>
          <p>
            {t('secretariat.compliance.counts', {
              checked: result.checked.length,
              compliant: result.checked.filter((c) => c.compliant).length,
              deactivated: result.deactivated.length,
            })}
          </p>
          {result.deactivated.length ? (
            <ul>
              {result.deactivated.map((w) => (
                <li key={w.id} dir="auto">
                  <Link to={`/workstreams/${w.slug}`}>{w.name}</Link>: {w.statusReasons.join('; ')}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
