import { type FormEvent, useId, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { ChoiceGroup, Field } from '../../../design/Field';
import { PeriodFields } from '../components/PeriodFields';
import { PeriodPreview } from '../components/PeriodPreview';
import { Loading } from '../../../design/Loading';
import { newClientKey } from '../../../graphql/client-key';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { canSteward } from '../../versions/api';
import { type Field as FormField, problemsFromApi, problemTexts, type PeriodForm, toInput, validate } from '../lib/period-form';
import { CREATE_PERIOD, PERIOD_DOCUMENT, PERIOD_ROLE } from '../operations';
import styles from '../components/Periods.module.css';

const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const ORDER: FormField[] = ['label', 'versionId', 'title', 'timeZone', 'opensAt', 'closesAt'];

/**
 * `/documents/<id>/comment-periods/new`: a facilitator opens the document to public comment: the
 * version (the live draft frozen now, or one already frozen), title, instructions, guiding questions,
 * the period's time zone with its opening and closing times in it, who may comment and whether each
 * comment is approved first; what the public will see is previewed beside the form. Scheduled, it
 * opens and closes by itself; saved as a draft, only facilitators see it.
 */
export function OpenPeriodPage() {
  const t = useT();
  const intl = useIntl();
  const navigate = useNavigate();
  const id = useId();
  const { documentId = '' } = useParams();
  const session = useSession();
  const [{ data, error, fetching }] = useQuery({ query: PERIOD_DOCUMENT, variables: { id: documentId } });
  const document = data?.document;
  const [role] = useQuery({ query: PERIOD_ROLE, variables: { id: document?.workstreamId ?? '' }, pause: !document || !session });
  const membership = role.data?.workstream.myMembership;
  const steward = canSteward(membership?.role, membership?.status, session?.user.platformRole);
  usePageTitle(t('periods.form.title'));
  const clientKey = useRef(newClientKey());
  const [form, setForm] = useState<PeriodForm>({
    version: 'freeze',
    label: '',
    versionId: '',
    title: '',
    instructions: '',
    questions: '',
    timeZone: ownZone,
    opensAt: '',
    closesAt: '',
    participation: 'REGISTERED_AND_GUESTS',
    moderation: 'PUBLISH_AT_ONCE',
  });
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching: saving }, create] = useMutation(CREATE_PERIOD);
  const update = (patch: Partial<PeriodForm>) => setForm((f) => ({ ...f, ...patch }));
  const ids = Object.fromEntries(ORDER.map((f) => [f, `${id}-${f}`])) as Record<FormField, string>;

  if (!session) {
    return (
      <>
        <h1>{t('periods.form.title')}</h1>
        <p>
          <SignInLink>{t('periods.form.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  if (!document) {
    if (errorCode(error) === 'NOT_FOUND') return <NotFound />;
    return fetching || !error ? <Loading /> : <p role="alert">{t('periods.form.loadFailed')}</p>;
  }
  if (role.data && !steward) {
    return (
      <>
        <h1>{t('periods.form.title')}</h1>
        <p>{t('periods.form.notFacilitator')}</p>
      </>
    );
  }

  const submit = async (schedule: boolean) => {
    setGeneral(null);
    const found = validate(form);
    if (Object.keys(found).length) return setProblems(found);
    setProblems({});
    const result = await create({ input: toInput(form, document.id, schedule, clientKey.current) });
    const period = result.data?.createCommentPeriod;
    if (period) return void navigate(`/comment-periods/${period.id}`);
    const named = problemsFromApi(fieldProblems(result.error));
    if (Object.keys(named).length) setProblems(named);
    else setGeneral(t('periods.form.failed', { code: errorCode(result.error) ?? 'NETWORK' }));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void submit(submitter?.getAttribute('value') !== 'draft');
  };
  const { errors, summary } = problemTexts(t, problems, ids, ORDER);
  const versions = [...document.versions].sort((a, b) => b.number - a.number);

  return (
    <div className={styles.layout}>
      <div>
        <p>
          <Link to={`/documents/${document.id}/versions`}>{t('periods.form.back')}</Link>
        </p>
        <h1>{t('periods.form.title')}</h1>
        <p dir="auto" lang={document.language} className={styles.document}>
          {document.title}
        </p>
        <form onSubmit={onSubmit} noValidate className={styles.form}>
          <ErrorSummary problems={summary} general={general} />
          <ChoiceGroup legend={t('periods.form.version')} id={`${id}-version`}>
            <label>
              <input type="radio" name="version" checked={form.version === 'freeze'} onChange={() => update({ version: 'freeze' })} />
              <span>{t('periods.form.freeze')}</span>
            </label>
            <label>
              <input type="radio" name="version" checked={form.version === 'existing'} disabled={!versions.length} onChange={() => update({ version: 'existing' })} />
              <span>{versions.length ? t('periods.form.existing') : t('periods.form.noVersions')}</span>
            </label>
          </ChoiceGroup>
          {form.version === 'freeze' ? (
            <Field label={t('periods.form.label')} hint={t('periods.form.labelHint')} error={errors.label} id={ids.label}>
              <input type="text" dir="auto" value={form.label} onChange={(e) => update({ label: e.target.value })} />
            </Field>
          ) : (
            <Field label={t('periods.form.versionSelect')} error={errors.versionId} id={ids.versionId}>
              <select value={form.versionId} onChange={(e) => update({ versionId: e.target.value })}>
                <option value="">{t('periods.form.versionChoose')}</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('periods.form.versionOption', { number: v.number, label: v.label, date: intl.formatDate(v.createdAt, { dateStyle: 'medium' }) })}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <PeriodFields form={form} update={update} errors={errors} ids={ids} />
          <div className={styles.actions}>
            <Button type="submit" value="schedule" disabled={saving}>
              {t('periods.form.schedule')}
            </Button>
            <Button type="submit" value="draft" variant="secondary" disabled={saving}>
              {t('periods.form.saveDraft')}
            </Button>
          </div>
        </form>
      </div>
      <PeriodPreview form={form} />
    </div>
  );
}
