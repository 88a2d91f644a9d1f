import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode, isEmailAddress, type Problems, retryAfterSeconds, toSummary } from '../forms/form-state';
import { SIGN_IN } from '../operations';
import { useSignInComplete } from '../session/use-sign-in-complete';

const EMAIL = 'sign-in-email';
const PASSWORD = 'sign-in-password';

export function SignInPage() {
  const t = useT();
  usePageTitle(t('account.signIn.title'));
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching }, signIn] = useMutation(SIGN_IN);
  const complete = useSignInComplete();
  const next = params.get('next');
  const keepNext = next ? `?next=${encodeURIComponent(next)}` : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!email.trim()) found[EMAIL] = t('account.error.emailMissing');
    else if (!isEmailAddress(email)) found[EMAIL] = t('account.error.emailFormat');
    if (!password) found[PASSWORD] = t('account.error.passwordMissing');
    setProblems(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const result = await signIn({ input: { email: email.trim(), password } });
    if (result.data?.signIn) return complete(result.data.signIn);
    const code = errorCode(result.error);
    if (code === 'INVALID_CREDENTIALS') setGeneral(t('account.signIn.wrong'));
    else if (code === 'ACCOUNT_DISABLED') setGeneral(t('account.signIn.disabled'));
    else if (code === 'RATE_LIMITED') setGeneral(t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }));
    else if (code === 'NETWORK') setGeneral(t('account.error.network'));
    else setGeneral(t('account.error.unexpected'));
  }

  return (
    <div className={styles.page}>
      <h1>{t('account.signIn.title')}</h1>
      <ErrorSummary problems={toSummary(problems, [EMAIL, PASSWORD])} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('account.field.email')} error={problems[EMAIL]} id={EMAIL}>
          <input type="email" name="email" autoComplete="email" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" />
        </Field>
        <Field label={t('account.field.password')} error={problems[PASSWORD]} id={PASSWORD}>
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.signIn.submit')}
          </Button>
          <Link to="/forgot-password">{t('account.signIn.forgot')}</Link>
        </div>
      </form>
      <h2>{t('account.signIn.newHere')}</h2>
      <p>
        <Link to={`/register${keepNext}`}>{t('account.signIn.register')}</Link>
      </p>
    </div>
  );
}
