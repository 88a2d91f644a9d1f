import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../../i18n/t';
import styles from './Account.module.css';
import { nextQuery } from './forms/next-path';
import { useSession } from './session/use-session';

const AccountMenu = lazy(() => import('./AccountMenu'));
// the bell and its live count: signed-in people only, in a chunk of its own
const NotificationsLink = lazy(() => import('../notifications/components/NotificationsLink'));

/**
 * The header's account corner: "Sign in" for a visitor; for a signed-in person the menu under their
 * name (AccountMenu, loaded only for signed-in people; until it arrives, a link to their profile), and
 * the notification bell with its live unread count.
 */
export function AccountNav() {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return (
      <Link to={`/sign-in${nextQuery(location.pathname, location.search)}`} className={styles.signInLink}>
        {t('account.signIn')}
      </Link>
    );
  }
  return (
    <>
      <Suspense fallback={null}>
        <NotificationsLink />
      </Suspense>
      <Suspense
        fallback={
          <Link to="/account" className={styles.menuButton}>
            <span className={styles.menuName} dir="auto">
              {session.user.displayName}
            </span>
          </Link>
        }
      >
        <AccountMenu session={session} />
      </Suspense>
    </>
  );
}
