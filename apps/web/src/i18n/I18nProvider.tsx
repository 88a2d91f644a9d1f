import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider as AriaI18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import { DEFAULT_LOCALE, direction, keepLocale, type Locale } from './locales';
import { loadMessages, type Messages } from './messages';

interface LocaleContextValue {
  locale: Locale;
  /** Switches the interface language (kept for the next visit). */
  setLocale: (locale: Locale) => void;
  /** The reader's time zone, for deadlines shown beside the period's own. */
  timeZone: string;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside I18nProvider');
  return value;
}

/**
 * The interface language: its messages (fetched before the first paint, so no English flashes by),
 * `<html lang dir>`, and React Aria's locale (RTL-aware keyboard handling, date formats).
 */
export function I18nProvider({ initial, initialMessages, children }: { initial: Locale; initialMessages: Messages; children: ReactNode }) {
  const [state, setState] = useState({ locale: initial, messages: initialMessages });
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);

  useEffect(() => {
    document.documentElement.lang = state.locale;
    document.documentElement.dir = direction(state.locale);
  }, [state.locale]);

  const value = useMemo<LocaleContextValue>(
    () => ({
      locale: state.locale,
      timeZone,
      setLocale(locale) {
        keepLocale(locale);
        void loadMessages(locale).then((messages) => setState({ locale, messages }));
      },
    }),
    [state.locale, timeZone],
  );

  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={state.locale} defaultLocale={DEFAULT_LOCALE} messages={state.messages} timeZone={timeZone}>
        <AriaI18nProvider locale={state.locale}>{children}</AriaI18nProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
