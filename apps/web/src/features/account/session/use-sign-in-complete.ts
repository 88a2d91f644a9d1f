import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useLocale } from '../../../i18n/I18nProvider';
import { isLocale, keptLocale } from '../../../i18n/locales';
import { safeNext } from '../forms/next-path';
import { type Session, sessionStore } from './session-store';

/**
 * After signing in or registering: keeps the session (every tab sees it), switches the interface to the
 * person's preferred language unless a language was chosen in this browser, and goes to `next` (a path
 * on this site) or home.
 */
export function useSignInComplete(): (session: Session) => void {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { locale, setLocale } = useLocale();
  return useCallback(
    (session: Session) => {
      sessionStore.set(session);
      const preferred = session.user.preferredLanguage.split('-')[0];
      if (!keptLocale() && isLocale(preferred) && preferred !== locale) setLocale(preferred);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
    [navigate, params, locale, setLocale],
  );
}
