import type { Locale } from './locales';

/**
 * Each feature keeps its messages beside its code, one ICU MessageFormat file per language:
 * `features/<feature>/messages/<locale>.json`, English being the source. Only the reader's language is
 * fetched, as small chunks in parallel.
 */
const files = import.meta.glob<Record<string, string>>('../features/*/messages/*.json', { import: 'default' });

export async function loadMessages(locale: Locale): Promise<Record<string, string>> {
  const wanted = Object.entries(files).filter(([path]) => path.endsWith(`/${locale}.json`));
  const parts = await Promise.all(wanted.map(([, load]) => load()));
  return Object.assign({}, ...parts) as Record<string, string>;
}
