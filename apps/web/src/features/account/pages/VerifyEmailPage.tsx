import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { usePageTitle } from '../../../app/page-title';
import { Loading } from '../../../design/Loading';
import { type MessageId, useT } from '../../../i18n/t';
import styles from '../Account.module.css';
import { errorCode } from '../forms/form-state';
import { type LinkProblem, linkProblemOf, useLinkToken } from '../forms/link-token';
import { VERIFY_EMAIL } from '../operations';
import { useSession } from '../session/use-session';

type Outcome = { state: 'pending' } | { state: 'verified' } | { state: 'refused'; problem: LinkProblem } | { state: 'failed' };

/** Each secret is sent once, even if the page mounts twice. */
const attempts = new Map<string, Promise<Outcome>>();

export function VerifyEmailPage() {
  const t = useT();
  const token = useLinkToken();
  const session = useSession();
  const [, verify] = useMutation(VERIFY_EMAIL);
  const [outcome, setOutcome] = useState<Outcome>(token ? { state: 'pending' } : { state: 'refused', problem: 'invalid' });
  usePageTitle(outcome.state === 'verified' ? t('account.verify.doneTitle') : t('account.verify.title'));

  useEffect(() => {
    if (!token) return;
    let attempt = attempts.get(token);
    if (!attempt) {
      attempt = verify({ token }).then((result): Outcome => {
        if (result.data?.verifyEmail) return { state: 'verified' };
        const problem = linkProblemOf(errorCode(result.error));
        return problem ? { state: 'refused', problem } : { state: 'failed' };
      });
      attempts.set(token, attempt);
    }
    let live = true;
    void attempt.then((next) => live && setOutcome(next));
    return () => {
      live = false;
    };
  }, [token, verify]);

  if (outcome.state === 'pending') {
    return (
      <div className={styles.page}>
        <h1>{t('account.verify.title')}</h1>
        <Loading label={t('account.verify.checking')} />
      </div>
    );
  }
  if (outcome.state === 'verified') {
    return (
      <div className={styles.page}>
        <h1>{t('account.verify.doneTitle')}</h1>
        <div className={styles.panel} role="status">
          <p>{t('account.verify.done')}</p>
        </div>
        <p>{session ? <Link to="/account">{t('account.verify.toProfile')}</Link> : <Link to="/sign-in">{t('account.signIn.title')}</Link>}</p>
      </div>
    );
  }
  if (outcome.state === 'failed') {
    return (
      <div className={styles.page}>
        <h1>{t('account.verify.title')}</h1>
        <div className={styles.warning} role="alert">
          <p>{t('account.error.unexpected')}</p>
        </div>
      </div>
    );
  }
  return (
    <div className={styles.page}>
      <h1>{t(`account.link.${outcome.problem}.title` as MessageId)}</h1>
      <p>{t(`account.link.${outcome.problem}.body` as MessageId)}</p>
      <p>{session ? <Link to="/account">{t('account.verify.askAgain')}</Link> : <Link to="/sign-in?next=%2Faccount">{t('account.verify.signInToAsk')}</Link>}</p>
    </div>
  );
}
