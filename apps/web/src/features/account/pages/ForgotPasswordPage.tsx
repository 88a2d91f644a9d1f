import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode, isEmailAddress, type Problems, retryAfterSeconds, toSummary } from '../forms/form-state';
import { REQUEST_PASSWORD_RESET } from '../operations';

const EMAIL = 'forgot-email';

export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t('account.forgot.title'));
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [{ fetching }, request] = useMutation(REQUEST_PASSWORD_RESET);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!email.trim()) found[EMAIL] = t('account.error.emailMissing');
    else if (!isEmailAddress(email)) found[EMAIL] = t('account.error.emailFormat');
    setProblems(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const result = await request({ email: email.trim() });
    if (result.data?.requestPasswordReset) return setSentTo(email.trim());
    const code = errorCode(result.error);
    if (code === 'BAD_USER_INPUT') setProblems({ [EMAIL]: t('account.error.emailFormat') });
    else if (code === 'RATE_LIMITED') setGeneral(t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }));
    else if (code === 'NETWORK') setGeneral(t('account.error.network'));
    else setGeneral(t('account.error.unexpected'));
  }

  if (sentTo) {
    return (
      <div className={styles.page}>
        <h1>{t('account.forgot.sentTitle')}</h1>
        <div className={styles.panel} role="status">
          <p>
            {t('account.forgot.sent', { email: sentTo })}
          </p>
        </div>
        <p>{t('account.forgot.sentHelp')}</p>
        <p>
          <Button variant="secondary" onClick={() => setSentTo(null)}>
            {t('account.forgot.again')}
          </Button>
        </p>
        <p>
          <Link to="/sign-in">{t('account.signIn.title')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <h1>{t('account.forgot.title')}</h1>
      <p>{t('account.forgot.intro')}</p>
      <ErrorSummary problems={toSummary(problems, [EMAIL])} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('account.field.email')} error={problems[EMAIL]} id={EMAIL}>
          <input type="email" name="email" autoComplete="email" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} dir="ltr" />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.forgot.submit')}
          </Button>
          <Link to="/sign-in">{t('account.forgot.back')}</Link>
        </div>
      </form>
    </div>
  );
}
