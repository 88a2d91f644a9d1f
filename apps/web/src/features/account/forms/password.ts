import { useCallback } from 'react';
import { useLocale } from '../../../i18n/I18nProvider';
import { useT } from '../../../i18n/t';
import { PASSWORD_MAX, PASSWORD_MIN, passwordHint, passwordProblem } from './form-state';

/**
 * The API's verdict on a new password, in the reader's language. English readers also get the
 * strength checker's own advice (it speaks only English).
 */
export function usePasswordProblem(): (apiMessage: string) => string {
  const t = useT();
  const { locale } = useLocale();
  return useCallback(
    (apiMessage: string) => {
      const kind = passwordProblem(apiMessage);
      if (kind === 'short') return t('account.error.passwordShort', { min: PASSWORD_MIN });
      if (kind === 'long') return t('account.error.passwordLong', { max: PASSWORD_MAX });
      const hint = locale === 'en' ? passwordHint(apiMessage) : null;
      return hint ? `${t('account.error.passwordGuessable')} (${hint})` : t('account.error.passwordGuessable');
    },
    [t, locale],
  );
}
