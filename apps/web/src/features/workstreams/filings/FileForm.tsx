import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { Button } from '../../../design/Button';
import { ChoiceGroup, Field } from '../../../design/Field';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { igfYear } from '../igf-year';
import styles from '../workstreams.module.css';
import { FILE_DOCUMENT, FILE_RECORD, FILING_KINDS, type FilingKind } from './operations';

type FieldName = 'kind' | 'year' | 'title' | 'url' | 'documentId';

/**
 * Files a report or a session request. An annual report can be one of the coalition's published
 * annual-report documents on the platform (no link needed) or a link to one kept elsewhere; session
 * reports need a link; a session request needs only its title. Problems are named beside their field;
 * filing the same kind twice for one year is refused by the API (CONFLICT), and said so.
 */
export function FileForm({ workstreamId, reports, onFiled }: { workstreamId: string; reports: { id: string; title: string }[]; onFiled: () => void }) {
  const t = useT();
  const id = useId();
  const [, fileRecord] = useMutation(FILE_RECORD);
  const [, fileDocument] = useMutation(FILE_DOCUMENT);
  const [kind, setKind] = useState<FilingKind>('ANNUAL_REPORT');
  const [year, setYear] = useState(String(new Date().getUTCFullYear() - 1));
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName | 'form', string>>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const fromDocument = kind === 'ANNUAL_REPORT' && documentId !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    const value = igfYear(year);
    if (value === null) found.year = t('workstreams.filings.yearInvalid');
    if (!fromDocument && !title.trim()) found.title = t('workstreams.filings.titleMissing');
    if (!fromDocument && kind !== 'SESSION_REQUEST' && !/^https?:\/\/\S+$/i.test(url.trim())) found.url = t('workstreams.filings.urlInvalid');
    setErrors(found);
    if (Object.keys(found).length || value === null) return;
    setBusy(true);
    const result = fromDocument
      ? await fileDocument({ input: { documentId, year: value } })
      : await fileRecord({ input: { workstreamId, kind, year: value, title: title.trim(), url: kind === 'SESSION_REQUEST' ? undefined : url.trim() || undefined } });
    setBusy(false);
    if (!result.error) {
      setTitle('');
      setUrl('');
      setDocumentId('');
      setNotice(t('workstreams.filings.done', { kind: t(`workstreams.filings.kind.${kind}` as 'workstreams.filings.kind.ANNUAL_REPORT'), year: value }));
      onFiled();
      return;
    }
    const code = errorCode(result.error);
    const named: Partial<Record<FieldName | 'form', string>> = {};
    for (const problem of fieldProblems(result.error)) {
      const field = problem.field.split('.').at(-1) as FieldName;
      named[field] = problem.message;
    }
    if (code === 'CONFLICT') named.form = t('workstreams.filings.already', { year: value });
    else if (!Object.keys(named).length) named.form = t('workstreams.filings.failed', { code: code ?? 'NETWORK' });
    setErrors(named);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`} className={styles.fileForm}>
      <h3 id={`${id}-title`}>{t('workstreams.filings.formTitle')}</h3>
      <p role="status" aria-live="polite">
        {notice}
      </p>
      {errors.form ? (
        <p role="alert" className={styles.problem}>
          {errors.form}
        </p>
      ) : null}
      <ChoiceGroup legend={t('workstreams.filings.kindLegend')} id={`${id}-kind`}>
        {FILING_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`workstreams.filings.kind.${k}` as 'workstreams.filings.kind.ANNUAL_REPORT')}
          </label>
        ))}
      </ChoiceGroup>
      <Field label={t('workstreams.filings.year')} hint={t('workstreams.filings.yearHint')} error={errors.year}>
        <input inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </Field>
      {kind === 'ANNUAL_REPORT' && reports.length ? (
        <Field label={t('workstreams.filings.document')} hint={t('workstreams.filings.documentHint')} error={errors.documentId}>
          <select value={documentId} onChange={(e) => setDocumentId(e.target.value)}>
            <option value="">{t('workstreams.filings.noDocument')}</option>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {fromDocument ? null : (
        <>
          <Field label={t('workstreams.filings.titleLabel')} error={errors.title}>
            <input value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} dir="auto" />
          </Field>
          {kind !== 'SESSION_REQUEST' ? (
            <Field label={t('workstreams.filings.url')} hint={t('workstreams.filings.urlHint')} error={errors.url}>
              <input type="url" inputMode="url" dir="ltr" value={url} onChange={(e) => setUrl(e.target.value)} />
            </Field>
          ) : null}
        </>
      )}
      <Button type="submit" disabled={busy}>
        {t('workstreams.filings.submit')}
      </Button>
    </form>
  );
}
