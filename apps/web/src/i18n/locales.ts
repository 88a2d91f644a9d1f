/** The six official UN languages, each named in itself. */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const LOCALE_NAMES: Record<Locale, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

export const direction = (locale: string): 'rtl' | 'ltr' => (locale.split('-')[0] === 'ar' ? 'rtl' : 'ltr');

const STORAGE_KEY = 'intersessional.locale';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The kept choice, else the first browser language we have, else English. */
export function detectLocale(): Locale {
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    if (isLocale(kept)) return kept;
  } catch {
    // storage refused (private mode): fall through to the browser's languages
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** The language chosen in this browser (kept by `keepLocale`), or null when the reader never chose one. */
export function keptLocale(): Locale | null {
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    return isLocale(kept) ? kept : null;
  } catch {
    return null;
  }
}

export function keepLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not kept: the choice still holds for this visit
  }
}
