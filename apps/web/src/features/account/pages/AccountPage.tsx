import { type FormEvent, useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { Loading } from '../../../design/Loading';
import { useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode, PASSWORD_MAX, PASSWORD_MIN, type Problems, retryAfterSeconds, serverProblems, toSummary } from '../forms/form-state';
import { usePasswordProblem } from '../forms/password';
import { type Gender, profileFieldIds, ProfileFields, profileInput, profileProblem, type ProfileValues, type StakeholderGroup, validateProfile } from '../forms/ProfileFields';
import { CHANGE_PASSWORD, PROFILE, REQUEST_EMAIL_VERIFICATION, UPDATE_PROFILE } from '../operations';
import { sessionStore } from '../session/session-store';
import { useSession } from '../session/use-session';

const PREFIX = 'profile';
const ids = profileFieldIds(PREFIX);
const PROFILE_ORDER = [ids.displayName, ids.organisation, ids.stakeholderGroup, ids.country, ids.gender, ids.preferredLanguage];
const CURRENT = 'password-current';
const NEW = 'password-new';

export function AccountPage() {
  const t = useT();
  usePageTitle(t('account.profile.title'));
  const session = useSession();
  if (!session) return <Navigate to="/sign-in?next=%2Faccount" replace />;
  return <Account />;
}

function Account() {
  const t = useT();
  const [{ data, fetching, error }] = useQuery({ query: PROFILE, requestPolicy: 'cache-and-network' });
  const me = data?.me;
  if (!me) {
    if (fetching || !error) return <Loading />;
    return (
      <div className={styles.warning} role="alert">
        <p>{errorCode(error) === 'NETWORK' ? t('account.error.network') : t('account.error.unexpected')}</p>
      </div>
    );
  }
  return (
    <div className={styles.page}>
      <h1>{t('account.profile.title')}</h1>
      <EmailSection email={me.email ?? ''} verified={me.emailVerified === true} />
      <ProfileSection
        initial={{
          displayName: me.displayName,
          organisation: me.organisation ?? '',
          country: me.country ?? '',
          stakeholderGroup: (me.stakeholderGroup ?? '') as StakeholderGroup | '',
          gender: (me.gender ?? '') as Gender | '',
          preferredLanguage: me.preferredLanguage,
        }}
      />
      <PasswordSection />
    </div>
  );
}

function EmailSection({ email, verified }: { email: string; verified: boolean }) {
  const t = useT();
  const [{ fetching }, request] = useMutation(REQUEST_EMAIL_VERIFICATION);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function resend() {
    const result = await request({});
    if (result.data) return setMessage({ ok: true, text: result.data.requestEmailVerification ? t('account.profile.verificationSent', { email }) : t('account.profile.alreadyVerified') });
    const code = errorCode(result.error);
    if (code === 'RATE_LIMITED') setMessage({ ok: false, text: t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }) });
    else setMessage({ ok: false, text: code === 'NETWORK' ? t('account.error.network') : t('account.error.unexpected') });
  }

  return (
    <section aria-labelledby="account-email">
      <h2 id="account-email">{t('account.profile.emailHeading')}</h2>
      <dl className={styles.summaryList}>
        <dt>{t('account.field.email')}</dt>
        <dd>
          <bdi dir="ltr">{email}</bdi>
        </dd>
        <dt>{t('account.profile.status')}</dt>
        <dd>
          <span className={[styles.tag, verified ? styles.verified : styles.unverified].join(' ')}>{verified ? t('account.profile.verified') : t('account.profile.notVerified')}</span>
        </dd>
      </dl>
      {verified ? null : (
        <>
          <p>{t('account.profile.verifyHelp')}</p>
          <Button variant="secondary" onClick={() => void resend()} disabled={fetching}>
            {t('account.profile.resend')}
          </Button>
        </>
      )}
      <div role="status" aria-live="polite">
        {message ? <p className={message.ok ? styles.panel : styles.warning}>{message.text}</p> : null}
      </div>
    </section>
  );
}

function ProfileSection({ initial }: { initial: ProfileValues }) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, update] = useMutation(UPDATE_PROFILE);
  useEffect(() => setSaved(false), [values]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateProfile(values, PREFIX, t);
    setProblems(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const result = await update({ input: profileInput(values) });
    const user = result.data?.updateProfile;
    if (user) {
      const current = sessionStore.get();
      if (current) sessionStore.updateUser({ ...current.user, displayName: user.displayName, preferredLanguage: user.preferredLanguage });
      setSaved(true);
      return;
    }
    const code = errorCode(result.error);
    if (code === 'BAD_USER_INPUT') {
      const { problems: fromServer, unknown } = serverProblems(result.error, (field) => profileProblem(field, PREFIX, t));
      setProblems(fromServer);
      if (unknown) setGeneral(t('account.error.unexpected'));
    } else setGeneral(code === 'NETWORK' ? t('account.error.network') : t('account.error.unexpected'));
  }

  return (
    <section aria-labelledby="account-profile" className={styles.section}>
      <h2 id="account-profile">{t('account.profile.detailsHeading')}</h2>
      <ErrorSummary problems={toSummary(problems, PROFILE_ORDER)} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <ProfileFields values={values} onChange={setValues} problems={problems} prefix={PREFIX} />
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.profile.save')}
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {saved ? <p className={styles.panel}>{t('account.profile.saved')}</p> : null}
        </div>
      </form>
    </section>
  );
}

function PasswordSection() {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [{ fetching }, change] = useMutation(CHANGE_PASSWORD);
  const passwordProblem = usePasswordProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!current) found[CURRENT] = t('account.error.currentPasswordMissing');
    if (!next) found[NEW] = t('account.error.newPasswordMissing');
    else if (next.length < PASSWORD_MIN) found[NEW] = t('account.error.passwordShort', { min: PASSWORD_MIN });
    else if (next.length > PASSWORD_MAX) found[NEW] = t('account.error.passwordLong', { max: PASSWORD_MAX });
    setProblems(found);
    setGeneral(null);
    setChanged(false);
    if (Object.keys(found).length) return;
    const result = await change({ input: { currentPassword: current, newPassword: next } });
    if (result.data?.changePassword) {
      setCurrent('');
      setNext('');
      setChanged(true);
      return;
    }
    const code = errorCode(result.error);
    if (code === 'BAD_USER_INPUT') {
      const { problems: fromServer, unknown } = serverProblems(result.error, (field, message) => {
        if (field === 'currentPassword') return [CURRENT, t('account.error.currentPasswordWrong')];
        if (field === 'newPassword') return [NEW, /differ/.test(message) ? t('account.error.passwordSame') : passwordProblem(message)];
        return null;
      });
      setProblems(fromServer);
      if (unknown) setGeneral(t('account.error.unexpected'));
    } else if (code === 'RATE_LIMITED') setGeneral(t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }));
    else setGeneral(code === 'NETWORK' ? t('account.error.network') : t('account.error.unexpected'));
  }

  return (
    <section aria-labelledby="account-password" className={styles.section}>
      <h2 id="account-password">{t('account.password.heading')}</h2>
      <p>{t('account.password.intro')}</p>
      <ErrorSummary problems={toSummary(problems, [CURRENT, NEW])} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <input type="text" name="username" autoComplete="username" hidden readOnly value={sessionStore.get()?.user.email ?? ''} />
        <Field label={t('account.field.currentPassword')} error={problems[CURRENT]} id={CURRENT}>
          <input type="password" name="current-password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} dir="ltr" />
        </Field>
        <Field label={t('account.field.newPassword')} hint={t('account.field.newPasswordHint', { min: PASSWORD_MIN })} error={problems[NEW]} id={NEW}>
          <input type="password" name="new-password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} dir="ltr" />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.password.submit')}
          </Button>
        </div>
        <div role="status" aria-live="polite">
          {changed ? <p className={styles.panel}>{t('account.password.changed')}</p> : null}
        </div>
      </form>
    </section>
  );
}
