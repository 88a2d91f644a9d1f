import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { useT } from '../../../i18n/t';
import { igfYear } from '../../workstreams/igf-year';
import { label } from '../../workstreams/labels';
import type { Done } from '../lib/use-outcome';
import { CONCLUDE, type CycleWorkstream, RENEW } from '../operations';
import styles from '../Secretariat.module.css';
import { ReasonForm } from './ReasonForm';

/**
 * Every BPF and PN with its current cycle: an active one can be concluded (with a reason) or renewed
 * for the next cycle (its members and history kept); a concluded one renewed. What each row offers
 * is what the API says is possible from its status (`availableActions`).
 */
export function CyclesTable({ workstreams, done }: { workstreams: CycleWorkstream[]; done: Done }) {
  const t = useT();
  return (
    <div className={styles.scroll} role="region" tabIndex={0} aria-label={t('secretariat.cycles.region')}>
      <table className={`${styles.table} ${styles.wide}`}>
        <caption>{t('secretariat.cycles.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('secretariat.cycles.name')}</th>
            <th scope="col">{t('secretariat.cycles.kind')}</th>
            <th scope="col">{t('secretariat.cycles.status')}</th>
            <th scope="col">{t('secretariat.cycles.cycle')}</th>
            <th scope="col">{t('secretariat.cycles.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {workstreams.map((w) => (
            <CycleRow key={w.id} workstream={w} done={done} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CycleRow({ workstream: w, done }: { workstream: CycleWorkstream; done: Done }) {
  const t = useT();
  const intl = useIntl();
  const [, conclude] = useMutation(CONCLUDE);
  const [, renew] = useMutation(RENEW);
  const [open, setOpen] = useState<'conclude' | 'renew' | null>(null);
  const [year, setYear] = useState(String((w.cycleYear ?? new Date().getUTCFullYear()) + 1));
  const [yearError, setYearError] = useState<string | null>(null);
  const past = w.cycles.filter((c) => c.endedAt);
  const submitRenew = async () => {
    const value = igfYear(year);
    if (value === null) return setYearError(t('secretariat.cycles.yearInvalid'));
    setYearError(null);
    if (done(await renew({ id: w.id, cycleYear: value }), t('secretariat.cycles.renewed', { name: w.name, year: value }))) setOpen(null);
  };
  return (
    <tr data-workstream-id={w.id}>
      <th scope="row" dir="auto">
        <Link to={`/workstreams/${w.slug}`}>{w.name}</Link>
      </th>
      <td>{label(t, 'kind', w.kind)}</td>
      <td>{label(t, 'status', w.status)}</td>
      <td>
        {w.cycleYear ?? ''}
        {past.length ? (
          <div className={styles.meta}>
            {t('secretariat.cycles.earlier', { cycles: intl.formatList(past.map((c) => String(c.year))) })}
          </div>
        ) : null}
      </td>
      <td>
        {open === 'conclude' ? (
          <ReasonForm
            label={t('secretariat.cycles.concludeReason', { name: w.name })}
            hint={t('secretariat.cycles.concludeHint')}
            confirm={t('secretariat.cycles.confirmConclude')}
            onCancel={() => setOpen(null)}
            onConfirm={async (reason) => {
              const ok = done(await conclude({ id: w.id, reason: reason || null }), t('secretariat.cycles.concluded', { name: w.name }));
              if (ok) setOpen(null);
              return ok;
            }}
          />
        ) : open === 'renew' ? (
          <form
            className={styles.reasonForm}
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submitRenew();
            }}
          >
            <Field label={t('secretariat.cycles.renewYear', { name: w.name })} error={yearError}>
              <input inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
            </Field>
            <div className={styles.actions}>
              <Button type="submit">{t('secretariat.cycles.confirmRenew')}</Button>
              <Button variant="secondary" onClick={() => setOpen(null)}>
                {t('secretariat.reason.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <div className={styles.actions}>
            {w.availableActions.includes('RENEW') ? (
              <Button variant="secondary" onClick={() => setOpen('renew')}>
                {t('secretariat.cycles.renew')}
                <span className="visually-hidden">: {w.name}</span>
              </Button>
            ) : null}
            {w.availableActions.includes('CONCLUDE') ? (
              <Button variant="quiet" onClick={() => setOpen('conclude')}>
                {t('secretariat.cycles.conclude')}
                <span className="visually-hidden">: {w.name}</span>
              </Button>
            ) : null}
          </div>
        )}
      </td>
    </tr>
  );
}
