import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { AccountNav } from '../features/account/AccountNav';
import { useT } from '../i18n/t';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PageErrorBoundary } from './RouteError';
import { Loading } from '../design/Loading';
import styles from './Layout.module.css';

/** The shell of every page: skip link, header with navigation and language, main, footer. */
export function Layout() {
  const t = useT();
  const main = useRef<HTMLElement>(null);
  const location = useLocation();
  const shownPath = useRef(location.pathname);

  // After a client-side navigation, focus moves to the new page's content (as a page load would put
  // screen-reader users at the top), except for in-page anchors.
  // (compared with the path last shown, not a "first render" flag: React's StrictMode runs effects
  // twice in development, which would otherwise steal focus from the skip link on the first load)
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    if (!location.hash) main.current?.focus({ preventScroll: false });
  }, [location.pathname, location.hash]);

  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link to="/" className={styles.brand}>
            <span aria-hidden="true" className={styles.logo} />
            Intersessional
          </Link>
          <nav aria-label={t('shell.nav.label')} className={styles.nav}>
            <NavLink to="/" end>
              {t('shell.nav.consultations')}
            </NavLink>
            <NavLink to="/workstreams">{t('shell.nav.workstreams')}</NavLink>
          </nav>
          <div className={styles.tools}>
            <LanguageSwitcher />
            <AccountNav />
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className={styles.footer}>
        <p>{t('shell.footer.about')}</p>
      </footer>
    </div>
  );
}
