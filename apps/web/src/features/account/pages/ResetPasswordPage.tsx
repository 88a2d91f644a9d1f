import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Button } from '../../../design/Button';
import { ErrorSummary } from '../../../design/ErrorSummary';
import { Field } from '../../../design/Field';
import { type MessageId, useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode, PASSWORD_MAX, PASSWORD_MIN, type Problems, retryAfterSeconds, serverProblems, toSummary } from '../forms/form-state';
import { type LinkProblem, linkProblemOf, useLinkToken } from '../forms/link-token';
import { usePasswordProblem } from '../forms/password';
import { RESET_PASSWORD } from '../operations';

const PASSWORD = 'reset-password';

export function ResetPasswordPage() {
  const t = useT();
  usePageTitle(t('account.reset.title'));
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [linkProblem, setLinkProblem] = useState<LinkProblem | null>(token ? null : 'invalid');
  const [done, setDone] = useState(false);
  const [{ fetching }, reset] = useMutation(RESET_PASSWORD);
  const passwordProblem = usePasswordProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {};
    if (!password) found[PASSWORD] = t('account.error.newPasswordMissing');
    else if (password.length < PASSWORD_MIN) found[PASSWORD] = t('account.error.passwordShort', { min: PASSWORD_MIN });
    else if (password.length > PASSWORD_MAX) found[PASSWORD] = t('account.error.passwordLong', { max: PASSWORD_MAX });
    setProblems(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    const result = await reset({ input: { token, newPassword: password } });
    if (result.data?.resetPassword) return setDone(true);
    const code = errorCode(result.error);
    const link = linkProblemOf(code);
    if (link) return setLinkProblem(link);
    if (code === 'BAD_USER_INPUT') {
      const { problems: fromServer, unknown } = serverProblems(result.error, (field, message) => (field === 'newPassword' ? [PASSWORD, passwordProblem(message)] : null));
      setProblems(fromServer);
      if (unknown) setLinkProblem('invalid');
      return;
    }
    if (code === 'RATE_LIMITED') setGeneral(t('account.error.rateLimited', { minutes: Math.ceil(retryAfterSeconds(result.error) / 60) }));
    else if (code === 'NETWORK') setGeneral(t('account.error.network'));
    else setGeneral(t('account.error.unexpected'));
  }

  if (done) {
    return (
      <div className={styles.page}>
        <h1>{t('account.reset.doneTitle')}</h1>
        <div className={styles.panel} role="status">
          <p>{t('account.reset.done')}</p>
        </div>
        <p>
          <Link to="/sign-in">{t('account.reset.signIn')}</Link>
        </p>
      </div>
    );
  }

  if (linkProblem) {
    return (
      <div className={styles.page}>
        <h1>{t(`account.link.${linkProblem}.title` as MessageId)}</h1>
        <p>{t(`account.link.${linkProblem}.body` as MessageId)}</p>
        <p>
          <Link to="/forgot-password">{t('account.reset.askAgain')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <h1>{t('account.reset.title')}</h1>
      <p>{t('account.reset.intro')}</p>
      <ErrorSummary problems={toSummary(problems, [PASSWORD])} general={general} />
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('account.field.newPassword')} hint={t('account.field.newPasswordHint', { min: PASSWORD_MIN })} error={problems[PASSWORD]} id={PASSWORD}>
          <input type="password" name="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} dir="ltr" />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" disabled={fetching}>
            {t('account.reset.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
