import type { MessageFormatElement } from 'react-intl';
import type { Locale } from './locales';

/** Messages by id, each already compiled to its ICU AST at build time (see vite.config.mts). */
export type Messages = Record<string, MessageFormatElement[]>;

/**
 * Each feature keeps its messages beside its code, one ICU MessageFormat file per language:
 * `features/<feature>/messages/<locale>.json`, English being the source. The build merges a language's
 * files into one small chunk (`virtual:messages/<locale>`), compiled, and only the reader's is fetched.
 */
const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  ar: () => import('virtual:messages/ar'),
  zh: () => import('virtual:messages/zh'),
  en: () => import('virtual:messages/en'),
  fr: () => import('virtual:messages/fr'),
  ru: () => import('virtual:messages/ru'),
  es: () => import('virtual:messages/es'),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await loaders[locale]()).default;
}
