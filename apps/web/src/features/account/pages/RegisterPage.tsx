import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { useLocale } from '../../../i18n/I18nProvider';
import { useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode, isEmailAddress, PASSWORD_MAX, PASSWORD_MIN, type Problems, retryAfterSeconds, serverProblems, toSummary } from '../forms/form-state';
import { usePasswordProblem } from '../forms/password';
import { profileFieldIds, ProfileFields, profileInput, profileProblem, type ProfileValues, validateProfile } from '../forms/ProfileFields';
import { REGISTER } from '../operations';
import { useSignInComplete } from '../session/use-sign-in-complete';

const PREFIX = 'register';
const EMAIL = 'register-email';
const PASSWORD = 'register-password';
const ids = profileFieldIds(PREFIX);
const ORDER = [ids.displayName, EMAIL, PASSWORD, ids.organisation, ids.stakeholderGroup, ids.country, ids.gender, ids.preferredLanguage];

export function RegisterPage() {
  const t = useT();
  usePageTitle(t('account.register.title'));
  const { locale } = useLocale();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [profile, setProfile] = useState<ProfileValues>({ displayName: '', organisation: '', country: '', stakeholderGroup: '', gender: '', preferredLanguage: locale });
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching }, register] = useMutation(REGISTER);
  const complete = useSignInComplete();
  const passwordProblem = usePasswordProblem();
  const next = params.get('next');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = validateProfile(profile, PREFIX, t);
    if (!email.trim()) found[EMAIL] = t('account.error.emailMissing');
    else if (!isEmailAddress(email)) found[EMAIL] = t('account.error.emailFormat');
    if (!password) found[PASSWORD] = t('account.error.newPasswordMissing');
    else if (password.length < PASSWORD_MIN) found[PASSWORD] = t('account.error.passwordShort', { min: PASSWORD_MIN });
    else if (password.length > PASSWORD_MAX) found[PASSWORD] = t('account.error.passwordLong', { max: PASSWORD_MAX });
    setProblems(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const result = await register({ input: { ...profileInput(profile), email: email.trim(), password } });
    if (result.data?.register) return complete(result.data.register);
    const code = errorCode(result.error);
    if (code === 'CONFLICT') {
      setProblems({ [EMAIL]: t('account.register.emailTaken') });
      return;
    }
    if (code === 'BAD_USER_INPUT') {
      const { problems: fromServer, unknown } = serverProblems(result.error, (field, message) => {
        if (field === 'email') return [EMAIL, t('account.error.emailFormat')];
        if (field === 'password') return [PASSWORD, passwordProblem(message)];
        return profileProblem(field, PREFIX, t);
      });
      setProblems(fromServer);
      if (unknown) setGeneral(t('account.error.unexpected'));
      return;
    }
    if (code === 'RATE_LIMITED') setGeneral(t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }));
    else if (code === 'NETWORK') setGeneral(t('account.error.network'));
    else setGeneral(t('account.error.unexpected'));
  }

  return (
    <div className={styles.page}>
      <h1>{t('account.register.title')}</h1>
      <p>{t('account.register.intro')}</p>
      <ErrorSummary problems={toSummary(problems, ORDER)} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <ProfileFields
          values={profile}
          onChange={setProfile}
          problems={problems}
          prefix={PREFIX}
          afterName={
            <>
              <Field label={t('account.field.email')} hint={t('account.field.emailHint')} error={problems[EMAIL]} id={EMAIL}>
                <input type="email" name="email" autoComplete="email" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" />
              </Field>
              <Field label={t('account.field.newPassword')} hint={t('account.field.newPasswordHint', { min: PASSWORD_MIN })} error={problems[PASSWORD]} id={PASSWORD}>
                <input type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" />
              </Field>
            </>
          }
        />
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.register.submit')}
          </Button>
        </div>
      </form>
      <p>
        {t('account.register.haveAccount')} <Link to={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('account.signIn.title')}</Link>
      </p>
    </div>
  );
}
