import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ErrorSummary, type FormProblem } from '../../../design/ErrorSummary';
import { ChoiceGroup, Field } from '../../../design/Field';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { igfYear } from '../../workstreams/igf-year';
import { label } from '../../workstreams/labels';
import { CREATE_WORKSTREAM } from '../operations';
import styles from '../Secretariat.module.css';

type FieldName = 'kind' | 'name' | 'cycleYear' | 'summary' | 'topics';

/**
 * A new Best Practice Forum or Policy Network for a cycle (Dynamic Coalitions are proposed by their
 * founders instead). Problems are named beside their field, the API's included; on success the new
 * workstream's page opens, where members are added.
 */
export function CreateWorkstreamForm() {
  const t = useT();
  const navigate = useNavigate();
  const id = useId();
  const [, create] = useMutation(CREATE_WORKSTREAM);
  const [kind, setKind] = useState<'BPF' | 'PN' | ''>('');
  const [name, setName] = useState('');
  const [cycleYear, setCycleYear] = useState(String(new Date().getUTCFullYear()));
  const [summary, setSummary] = useState('');
  const [topics, setTopics] = useState('');
  const [joinPolicy, setJoinPolicy] = useState<'APPROVAL' | 'OPEN'>('APPROVAL');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = (field: FieldName) => `${id}-${field}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    if (!kind) found.kind = t('secretariat.create.kindMissing');
    if (!name.trim()) found.name = t('secretariat.create.nameMissing');
    const year = igfYear(cycleYear);
    if (year === null) found.cycleYear = t('secretariat.cycles.yearInvalid');
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length || !kind || year === null) return;
    setBusy(true);
    const input = {
      kind,
      name: name.trim(),
      cycleYear: year,
      joinPolicy,
      summary: summary.trim() || undefined,
      topics: topics.split(/[,،、，;]/).map((s) => s.trim()).filter(Boolean),
    };
    const result = await create({ input });
    setBusy(false);
    if (result.data) return void navigate(`/workstreams/${result.data.createWorkstream.slug}`);
    const named: Partial<Record<FieldName, string>> = {};
    for (const problem of fieldProblems(result.error)) {
      const field = problem.field.split('.').at(-1) as FieldName;
      if (['kind', 'name', 'cycleYear', 'summary', 'topics'].includes(field)) named[field] = problem.message;
    }
    setErrors(named);
    if (!Object.keys(named).length) setGeneral(t('secretariat.problem.other', { code: errorCode(result.error) ?? 'NETWORK' }));
  };

  const problems: FormProblem[] = (Object.entries(errors) as [FieldName, string][]).map(([field, message]) => ({ fieldId: fieldId(field), message }));
  return (
    <form className={styles.create} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('secretariat.create.title')}</h3>
      <ErrorSummary problems={problems} general={general} />
      <ChoiceGroup legend={t('secretariat.create.kind')} error={errors.kind} id={fieldId('kind')}>
        {(['BPF', 'PN'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {label(t, 'kind', k)}
          </label>
        ))}
      </ChoiceGroup>
      <Field label={t('secretariat.create.name')} hint={t('secretariat.create.nameHint')} error={errors.name} id={fieldId('name')}>
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} dir="auto" />
      </Field>
      <Field label={t('secretariat.create.cycleYear')} error={errors.cycleYear} id={fieldId('cycleYear')}>
        <input inputMode="numeric" value={cycleYear} onChange={(e) => setCycleYear(e.target.value)} />
      </Field>
      <Field label={t('secretariat.create.summary')} error={errors.summary} id={fieldId('summary')}>
        <textarea rows={3} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} dir="auto" />
      </Field>
      <Field label={t('secretariat.create.topics')} hint={t('secretariat.create.topicsHint')} error={errors.topics} id={fieldId('topics')}>
        <input value={topics} onChange={(e) => setTopics(e.target.value)} dir="auto" />
      </Field>
      <ChoiceGroup legend={t('secretariat.create.joinPolicy')} id={`${id}-join`}>
        {(['APPROVAL', 'OPEN'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name={`${id}-join`} value={p} checked={joinPolicy === p} onChange={() => setJoinPolicy(p)} /> {t(p === 'OPEN' ? 'secretariat.create.policyOpen' : 'secretariat.create.policyApproval')}
          </label>
        ))}
      </ChoiceGroup>
      <Button type="submit" disabled={busy}>
        {t('secretariat.create.submit')}
      </Button>
    </form>
  );
}
