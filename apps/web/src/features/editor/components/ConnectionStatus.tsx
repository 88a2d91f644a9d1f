import { Button } from '../../../design/Button';
import { useT } from '../../../i18n/t';
import type { ReadOnlyReason } from '../pages/DocumentPage';
import type { Collaboration } from '../use-collaboration';
import styles from '../editor.module.css';
import { SignInLink } from '../../account/SignInLink';

/**
 * Where the person's edits are, in a polite status region: connecting, saved, saving, offline (edits
 * kept in this tab and merged on return), renewing the session, paused after too many messages, or
 * ended for good with what to do about it.
 */
export function ConnectionStatus({ live, editable = false }: { live: Collaboration; editable?: boolean }) {
  const t = useT();
  const message = (() => {
    switch (live.phase) {
      case 'connecting':
        return t('editor.connection.connecting');
      case 'saved':
        return editable ? t('editor.connection.saved') : t('editor.connection.live');
      case 'saving':
        return t('editor.connection.saving');
      case 'offline':
        return editable ? t('editor.connection.offline') : t('editor.connection.offlineReading');
      case 'renewing':
        return t('editor.connection.renewing');
      case 'paused':
        return t('editor.connection.paused');
      case 'ended':
        return null;
    }
  })();
  const tone = live.phase === 'ended' || live.phase === 'offline' || live.phase === 'paused' ? styles.statusWarning : live.phase === 'saved' ? styles.statusOk : '';
  return (
    <div role="status" aria-live="polite" className={[styles.status, tone].join(' ')}>
      {message ? <p>{message}</p> : null}
      {live.ending ? <Ending ending={live.ending} /> : null}
    </div>
  );
}

function Ending({ ending }: { ending: NonNullable<Collaboration['ending']> }) {
  const t = useT();
  switch (ending) {
    case 'signedOut':
      return (
        <p>
          {t('editor.ended.signedOut')} <SignInLink>{t('editor.ended.signIn')}</SignInLink>
        </p>
      );
    case 'forbidden':
      return <p>{t('editor.ended.forbidden')}</p>;
    case 'notFound':
      return <p>{t('editor.ended.notFound')}</p>;
    case 'tooLarge':
      return <p>{t('editor.ended.tooLarge')}</p>;
    case 'outdated':
    case 'broken':
      return (
        <>
          <p>{ending === 'outdated' ? t('editor.ended.outdated') : t('editor.ended.broken')}</p>
          <Button variant="secondary" onClick={() => location.reload()}>
            {t('editor.ended.reload')}
          </Button>
        </>
      );
  }
}

/** Why this person sees the draft without a toolbar. */
export function ReadOnlyNote({ reason, status }: { reason: NonNullable<ReadOnlyReason> | 'ended'; status: string }) {
  const t = useT();
  const text = (() => {
    switch (reason) {
      case 'signedOut':
        return t('editor.readOnly.signedOut');
      case 'observer':
        return t('editor.readOnly.observer');
      case 'notMember':
        return t('editor.readOnly.notMember');
      case 'frozen':
        return t('editor.readOnly.frozen', { status });
      case 'noRight':
        return t('editor.readOnly.noRight');
      case 'ended':
        return t('editor.readOnly.ended');
    }
  })();
  return (
    <div className={styles.note}>
      <p>
        <strong>{t('editor.readOnly.heading')}</strong> {text}
      </p>
      {reason === 'signedOut' ? (
        <p>
          <SignInLink>{t('editor.ended.signIn')}</SignInLink>
        </p>
      ) : null}
    </div>
  );
}
