import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary, type FormProblem } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useLocale } from '../../../i18n/I18nProvider';
import { LOCALE_NAMES, LOCALES } from '../../../i18n/locales';
import { type MessageId, useT, useTRich } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { CREATE_DOCUMENT, WORKSTREAM_ROLE } from '../api';
import { LoadProblem } from '../components/LoadProblem';
import styles from '../versions.module.css';
import { SignInLink } from '../../account/SignInLink';

const KINDS = ['DRAFT_OUTPUT', 'POLICY_RECOMMENDATIONS', 'ANNUAL_REPORT', 'SESSION_REPORT', 'BACKGROUND_PAPER', 'WORK_PLAN', 'MEETING_NOTES', 'OTHER'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABELS: Record<Kind, MessageId> = {
  DRAFT_OUTPUT: 'versions.import.kind.DRAFT_OUTPUT',
  POLICY_RECOMMENDATIONS: 'versions.import.kind.POLICY_RECOMMENDATIONS',
  ANNUAL_REPORT: 'versions.import.kind.ANNUAL_REPORT',
  SESSION_REPORT: 'versions.import.kind.SESSION_REPORT',
  BACKGROUND_PAPER: 'versions.import.kind.BACKGROUND_PAPER',
  WORK_PLAN: 'versions.import.kind.WORK_PLAN',
  MEETING_NOTES: 'versions.import.kind.MEETING_NOTES',
  OTHER: 'versions.import.kind.OTHER',
};

const IDS = { title: 'import-title', file: 'import-file', kind: 'import-kind', language: 'import-language' } as const;
type FieldName = keyof typeof IDS;
/** The API's limit on imported Markdown (characters); a file is refused before upload when longer. */
const MAX_MARKDOWN = 2_000_000;
const MAX_TITLE = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /documents/new?workstream=<slug or id>: a member creates a document of the workstream from a Markdown
 * file (read in the browser and sent as createDocument's `markdown`), then lands on it.
 */
export function ImportPage() {
  const t = useT();
  const tRich = useTRich();
  const navigate = useNavigate();
  const session = useSession();
  const { locale } = useLocale();
  const [params] = useSearchParams();
  const ref = params.get('workstream') ?? '';
  const [ws] = useQuery({ query: WORKSTREAM_ROLE, variables: UUID.test(ref) ? { id: ref } : { slug: ref }, pause: !ref });
  const [state, create] = useMutation(CREATE_DOCUMENT);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  usePageTitle(t('versions.import.title'));

  if (!ref) {
    return (
      <section>
        <h1>{t('versions.import.title')}</h1>
        <p>{tRich('versions.import.noWorkstream', { link: (chunks) => <Link to="/workstreams">{chunks}</Link> })}</p>
      </section>
    );
  }
  const workstream = ws.data?.workstream;
  if (!workstream) {
    if (ws.fetching) return <Loading />;
    return <LoadProblem code={errorCode(ws.error)} />;
  }
  const membership = workstream.myMembership;
  const mayCreate = session?.user.platformRole === 'SECRETARIAT' || (membership?.status === 'ACTIVE' && membership.role !== 'OBSERVER');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!workstream) return;
    setGeneral(null);
    const data = new FormData(event.currentTarget);
    const title = String(data.get('title') ?? '').trim();
    const file = data.get('file');
    const found: Partial<Record<FieldName, string>> = {};
    if (!title) found.title = t('versions.import.titleMissing');
    else if (title.length > MAX_TITLE) found.title = t('versions.import.titleTooLong', { max: MAX_TITLE });
    let markdown = '';
    if (!(file instanceof File) || file.size === 0) found.file = file instanceof File && file.name ? t('versions.import.fileEmpty') : t('versions.import.fileMissing');
    else if (!/\.(md|markdown|txt)$/i.test(file.name)) found.file = t('versions.import.fileType');
    else {
      setReading(true);
      markdown = await file.text().finally(() => setReading(false));
      if (markdown.length > MAX_MARKDOWN) found.file = t('versions.import.fileTooLarge');
    }
    setErrors(found);
    if (Object.keys(found).length) return;

    const result = await create({
      input: {
        workstreamId: workstream.id,
        title,
        kind: String(data.get('kind')) as Kind,
        language: String(data.get('language')),
        markdown,
      },
    });
    if (result.data) {
      navigate(`/documents/${result.data.createDocument.id}`);
      return;
    }
    const code = errorCode(result.error);
    if (code === 'BAD_USER_INPUT') {
      // the API names the refused fields (extensions.fields: `input.title`, `input.markdown`…); our own words replace its English
      const named: Partial<Record<FieldName, string>> = {};
      for (const problem of fieldProblems(result.error)) {
        const field = problem.field.split('.').pop();
        if (field === 'title') named.title = t('versions.import.titleMissing');
        else if (field === 'markdown') named.file = t('versions.import.fileRefused');
        else if (field === 'language') named.language = t('versions.import.languageRefused');
        else if (field === 'kind') named.kind = t('versions.import.kindRefused');
      }
      if (Object.keys(named).length) return setErrors(named);
    }
    if (code === 'FORBIDDEN') return setGeneral(t('versions.import.forbidden'));
    if (code === 'NETWORK') return setGeneral(t('versions.error.network'));
    setGeneral(t('versions.import.failed'));
  }

  const problems: FormProblem[] = (Object.keys(IDS) as FieldName[]).flatMap((name) => (errors[name] ? [{ fieldId: IDS[name], message: errors[name] }] : []));

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/workstreams/${workstream.slug}`}>
          <span aria-hidden="true" className="mirror-rtl">
            ←
          </span>{' '}
          <bdi>{workstream.name}</bdi>
        </Link>
      </p>
      <h1>{t('versions.import.title')}</h1>
      <p>{tRich('versions.import.intro', { name: workstream.name, bdi: (chunks) => <bdi>{chunks}</bdi> })}</p>
      {!session ? (
        <p className={styles.note}>{tRich('versions.import.signIn', { link: (chunks) => <SignInLink>{chunks}</SignInLink> })}</p>
      ) : !mayCreate ? (
        <p className={styles.note}>{t('versions.import.forbidden')}</p>
      ) : (
        <form onSubmit={submit} noValidate className={styles.form}>
          <ErrorSummary problems={problems} general={general} />
          <Field id={IDS.title} label={t('versions.import.titleLabel')} error={errors.title}>
            <input type="text" name="title" autoComplete="off" dir="auto" />
          </Field>
          <Field id={IDS.file} label={t('versions.import.fileLabel')} hint={t('versions.import.fileHint')} error={errors.file}>
            <input type="file" name="file" accept=".md,.markdown,.txt,text/markdown,text/plain" />
          </Field>
          <Field id={IDS.kind} label={t('versions.import.kindLabel')} error={errors.kind}>
            <select name="kind" defaultValue="DRAFT_OUTPUT">
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(KIND_LABELS[kind])}
                </option>
              ))}
            </select>
          </Field>
          <Field id={IDS.language} label={t('versions.import.languageLabel')} hint={t('versions.import.languageHint')} error={errors.language}>
            <select name="language" defaultValue={locale}>
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" disabled={state.fetching || reading}>
            {state.fetching || reading ? t('versions.import.creating') : t('versions.import.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}
