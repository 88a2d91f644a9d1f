import { useId } from 'react';
import { useLocale } from '../i18n/I18nProvider';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales';
import { useT } from '../i18n/t';
import styles from './Layout.module.css';

/**
 * A native select: the platform's own accessible control, which phones show as their picker. Each
 * option is named in its own language (and marked so), so a reader finds theirs whatever is shown.
 */
export function LanguageSwitcher() {
  const t = useT();
  const id = useId();
  const { locale, setLocale } = useLocale();
  return (
    <div className={styles.language}>
      <label htmlFor={id} className={styles.languageLabel}>
        {t('shell.language')}
      </label>
      <select id={id} value={locale} onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
