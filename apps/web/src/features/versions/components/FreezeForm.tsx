import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { FREEZE_VERSION } from '../api';
import styles from '../versions.module.css';

const LABEL_ID = 'freeze-label';
const MAX = 120;

/** Freezes the current draft as a named version. Validated on submit, GOV.UK style; the API has the last word. */
export function FreezeForm({ documentId, onFrozen }: { documentId: string; onFrozen: (version: { number: number; label: string }) => void }) {
  const t = useT();
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [state, freeze] = useMutation(FREEZE_VERSION);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setGeneral(null);
    const trimmed = label.trim();
    if (!trimmed) return setProblem(t('versions.freeze.labelMissing'));
    if (trimmed.length > MAX) return setProblem(t('versions.freeze.labelTooLong', { max: MAX }));
    setProblem(null);
    const result = await freeze({ documentId, label: trimmed });
    if (result.data) {
      setLabel('');
      onFrozen(result.data.freezeVersion);
      return;
    }
    const code = errorCode(result.error);
    // the API names the field it refused (extensions.fields); its English message is replaced by ours
    if (code === 'BAD_USER_INPUT' && fieldProblems(result.error).some((p) => p.field.split('.').pop() === 'label')) return setProblem(t('versions.freeze.labelMissing'));
    if (code === 'FORBIDDEN') return setGeneral(t('versions.freeze.forbidden'));
    if (code === 'NOT_FOUND') return setGeneral(t('versions.error.notFound'));
    if (code === 'NETWORK') return setGeneral(t('versions.error.network'));
    setGeneral(t('versions.freeze.failed'));
  }

  return (
    <form onSubmit={submit} noValidate className={styles.freeze} aria-labelledby="freeze-title">
      <h2 id="freeze-title">{t('versions.freeze.title')}</h2>
      <ErrorSummary problems={problem ? [{ fieldId: LABEL_ID, message: problem }] : []} general={general} />
      <Field id={LABEL_ID} label={t('versions.freeze.label')} hint={t('versions.freeze.hint')} error={problem}>
        <input type="text" name="label" value={label} onChange={(event) => setLabel(event.target.value)} autoComplete="off" />
      </Field>
      <Button type="submit" disabled={state.fetching}>
        {state.fetching ? t('versions.freeze.freezing') : t('versions.freeze.submit')}
      </Button>
    </form>
  );
}
