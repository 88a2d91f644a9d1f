import { Button, Menu, MenuItem, MenuTrigger, Popover, RouterProvider } from 'react-aria-components';
import { useHref, useNavigate } from 'react-router';
import { useT } from '../../i18n/t';
import styles from './Account.module.css';
import type { Session } from './session/session-store';
import { useSignOut } from './session/use-sign-out';

/**
 * The signed-in person's menu under their name (React Aria: a button with aria-haspopup, arrow keys,
 * Escape, focus returned): their profile, their comments, signing out. Its own chunk, so that visitors
 * (a guest on the comment page) never download the menu's code.
 */
export default function AccountMenu({ session }: { session: Session }) {
  const t = useT();
  const navigate = useNavigate();
  const signOut = useSignOut();
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
            {session.user.platformRole === 'SECRETARIAT' ? (
              <MenuItem id="secretariat" href="/secretariat" className={styles.menuItem}>
                {t('account.nav.secretariat')}
              </MenuItem>
            ) : null}
            <MenuItem id="sign-out" className={styles.menuItem}>
              {t('account.nav.signOut')}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
    </RouterProvider>
  );
}
