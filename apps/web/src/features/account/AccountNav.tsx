import { Button, Menu, MenuItem, MenuTrigger, Popover, RouterProvider } from 'react-aria-components';
import { Link, useHref, useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/t';
import styles from './Account.module.css';
import { nextQuery } from './forms/next-path';
import { useSession } from './session/use-session';
import { useSignOut } from './session/use-sign-out';

/**
 * The header's account corner: "Sign in" for a visitor; for a signed-in person a menu under their name
 * (React Aria: a button with aria-haspopup, arrow keys, Escape, focus returned) with their profile,
 * their comments and signing out.
 */
export function AccountNav() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  if (!session) {
    return (
      <Link to={`/sign-in${nextQuery(location.pathname, location.search)}`} className={styles.signInLink}>
        {t('account.signIn')}
      </Link>
    );
  }
  return (
    <RouterProvider navigate={(path) => void navigate(path)} useHref={useHref}>
      <MenuTrigger>
        <Button className={styles.menuButton}>
          <span className={styles.menuName} dir="auto">
            {session.user.displayName}
          </span>
          <span aria-hidden="true">▾</span>
        </Button>
        <Popover className={styles.popover} placement="bottom end">
          <Menu
            className={styles.menu}
            aria-label={t('account.nav.menu')}
            onAction={(key) => {
              if (key === 'sign-out') void signOut();
            }}
          >
            <MenuItem id="profile" href="/account" className={styles.menuItem}>
              {t('account.nav.profile')}
            </MenuItem>
            <MenuItem id="comments" href="/my-comments" className={styles.menuItem}>
              {t('account.nav.myComments')}
            </MenuItem>
            <MenuItem id="sign-out" className={styles.menuItem}>
              {t('account.nav.signOut')}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
    </RouterProvider>
  );
}
