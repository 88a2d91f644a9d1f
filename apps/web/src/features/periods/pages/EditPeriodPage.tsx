import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { NotFound } from '../../../app/NotFound';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Loading } from '../../../design/Loading';
import { errorCode, fieldProblems } from '../../../graphql/errors';
import { type ResultOf } from '../../../graphql/graphql';
import { type MessageId, useT } from '../../../i18n/t';
import { useSession } from '../../account/session/use-session';
import { SignInLink } from '../../account/SignInLink';
import { PeriodFields } from '../components/PeriodFields';
import { PeriodPreview } from '../components/PeriodPreview';
import { type Field as FormField, problemsFromApi, problemTexts, formOf, type PeriodForm, toUpdateInput, validate } from '../lib/period-form';
import { EDIT_PERIOD, UPDATE_PERIOD } from '../operations';
import styles from '../components/Periods.module.css';

const ORDER: FormField[] = ['title', 'timeZone', 'opensAt', 'closesAt'];
type Period = NonNullable<ResultOf<typeof EDIT_PERIOD>['commentPeriod']>;

/**
 * `/comment-periods/<id>/edit`: a period's facilitators change what it says and when it runs until it
 * opens (a draft, or scheduled); a draft can be scheduled from here. Once open, only its closing time
 * changes (extended from the console), and the page says so.
 */
export function EditPeriodPage() {
  const t = useT();
  const { periodId = '' } = useParams();
  const session = useSession();
  const [{ data, error, fetching }] = useQuery({ query: EDIT_PERIOD, variables: { id: periodId }, pause: !session, requestPolicy: 'network-only' });
  usePageTitle(t('periods.edit.title'));
  const period = data?.commentPeriod;
  if (!session) {
    return (
      <>
        <h1>{t('periods.edit.title')}</h1>
        <p>
          <SignInLink>{t('periods.form.signIn')}</SignInLink>
        </p>
      </>
    );
  }
  if (!period) {
    if (errorCode(error) === 'NOT_FOUND') return <NotFound />;
    return fetching || !error ? <Loading /> : <p role="alert">{t('periods.form.loadFailed')}</p>;
  }
  if (!period.viewerCanFacilitate) {
    return (
      <>
        <h1>{t('periods.edit.title')}</h1>
        <p>{t('periods.form.notFacilitator')}</p>
      </>
    );
  }
  if (period.status !== 'DRAFT' && period.status !== 'SCHEDULED') {
    return (
      <>
        <h1>{t('periods.edit.title')}</h1>
        <p>{t('periods.edit.tooLate', { status: t(`periods.status.${period.status}` as MessageId) })}</p>
        <p>
          <Link to={`/comment-periods/${period.id}/manage`}>{t('periods.edit.toConsole')}</Link>
        </p>
      </>
    );
  }
  return <EditForm key={period.id} period={period} />;
}

function EditForm({ period }: { period: Period }) {
  const t = useT();
  const navigate = useNavigate();
  const id = useId();
  const [form, setForm] = useState<PeriodForm>(() => formOf(period));
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching: saving }, save] = useMutation(UPDATE_PERIOD);
  const update = (patch: Partial<PeriodForm>) => setForm((f) => ({ ...f, ...patch }));
  const ids = Object.fromEntries((['label', 'versionId', ...ORDER] as FormField[]).map((f) => [f, `${id}-${f}`])) as Record<FormField, string>;

  const submit = async (schedule: boolean) => {
    setGeneral(null);
    const found = validate(form, { withVersion: false });
    if (Object.keys(found).length) return setProblems(found);
    setProblems({});
    const result = await save({ input: toUpdateInput(form, period.id, schedule) });
    if (result.data) return void navigate(`/comment-periods/${period.id}/manage`);
    const named = problemsFromApi(fieldProblems(result.error));
    if (Object.keys(named).length) setProblems(named);
    else if (errorCode(result.error) === 'INVALID_TRANSITION') setGeneral(t('periods.edit.opened'));
    else setGeneral(t('periods.form.failed', { code: errorCode(result.error) ?? 'NETWORK' }));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void submit(submitter?.getAttribute('value') === 'schedule');
  };
  const { errors, summary } = problemTexts(t, problems, ids, ORDER);

  return (
    <div className={styles.layout}>
      <div>
        <p>
          <Link to={`/comment-periods/${period.id}/manage`}>{t('periods.edit.back')}</Link>
        </p>
        <h1>{t('periods.edit.title')}</h1>
        <p>{period.status === 'DRAFT' ? t('periods.edit.draftNote') : t('periods.edit.scheduledNote')}</p>
        <form onSubmit={onSubmit} noValidate className={styles.form}>
          <ErrorSummary problems={summary} general={general} />
          <PeriodFields form={form} update={update} errors={errors} ids={ids} />
          <div className={styles.actions}>
            {period.status === 'DRAFT' ? (
              <>
                <Button type="submit" value="schedule" disabled={saving}>
                  {t('periods.edit.saveAndSchedule')}
                </Button>
                <Button type="submit" value="draft" variant="secondary" disabled={saving}>
                  {t('periods.edit.saveDraft')}
                </Button>
              </>
            ) : (
              <Button type="submit" value="save" disabled={saving}>
                {t('periods.edit.save')}
              </Button>
            )}
          </div>
        </form>
      </div>
      <PeriodPreview form={form} />
    </div>
  );
}
