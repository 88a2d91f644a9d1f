import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from '@jest/globals';

/**
 * The translation guard: every feature's messages exist in the six languages with exactly the ids of
 * English, each one a valid ICU message, with the same arguments (names, kinds, select cases and tags)
 * as English, none empty, and none left in English unless it is the same word in that language.
 */
const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
type Locale = (typeof LOCALES)[number];
const FEATURES = join(process.cwd(), 'apps/web/src/features');

/** Names that stay as they are in every language. */
const BRANDS = new Set(['Markdown (.md)', 'Intersessional', 'IGF', 'MAG', 'DCCG', 'GitHub', 'Markdown', 'PDF', 'CSV', 'URL', 'OK']);
/** Words that are spelt the same in a language as in English (the translation is the English word). */
const SAME_AS_ENGLISH: Partial<Record<Locale, string[]>> = {
  fr: ['Cycle {year}', 'Consultations', 'Versions', 'Version', 'Document', 'Documents', 'Organisation', 'Notifications', 'Date', 'Type', 'Description', 'Commentaires', 'Message', 'Options', 'Statut', 'Total', 'Contributions', 'Page', 'Sections', 'Section', 'Introduction', 'Conclusion', 'Contact', 'Administration', 'Transparence'],
  es: ['Total', 'Error'],
};

const folders = readdirSync(FEATURES)
  .filter((feature) => existsSync(join(FEATURES, feature, 'messages')))
  .sort()
  .map((feature) => ({ feature, dir: join(FEATURES, feature, 'messages') }));

function read(dir: string, locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * What a message needs from its caller and how it branches: `name:argument`, `count:plural`,
 * `role:select[chair|member|other]`, `<link>`; plural cases differ by language (Arabic has six, Chinese
 * one), so only their argument is compared, and every plural must have `other`.
 */
function signature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        into.add(`${el.value}:argument`);
        break;
      case TYPE.number:
        into.add(`${el.value}:number`);
        break;
      case TYPE.date:
      case TYPE.time:
        into.add(`${el.value}:${TYPE[el.type]}`);
        break;
      case TYPE.select:
        into.add(`${el.value}:select[${Object.keys(el.options).sort().join('|')}]`);
        for (const option of Object.values(el.options)) signature(option.value, into);
        break;
      case TYPE.plural:
        into.add(`${el.value}:${el.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}`);
        for (const option of Object.values(el.options)) signature(option.value, into);
        break;
      case TYPE.tag:
        into.add(`<${el.value}>`);
        signature(el.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/** Plural cases a language does not have (`few` in English, `one` in Chinese) or a missing `other`. */
function pluralProblems(elements: MessageFormatElement[], locale: Locale): string[] {
  const problems: string[] = [];
  const categories = (type: 'cardinal' | 'ordinal') => new Set(new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories as string[]);
  const visit = (list: MessageFormatElement[]) => {
    for (const el of list) {
      if (el.type === TYPE.plural) {
        const allowed = categories(el.pluralType === 'ordinal' ? 'ordinal' : 'cardinal');
        if (!('other' in el.options)) problems.push(`{${el.value}, plural} has no "other" case`);
        for (const key of Object.keys(el.options)) if (!key.startsWith('=') && !allowed.has(key)) problems.push(`{${el.value}, plural} has a "${key}" case, which ${locale} does not use`);
      }
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) visit(option.value);
      if (el.type === TYPE.tag) visit(el.children);
    }
  };
  visit(elements);
  return problems;
}

/** The words of a message, without its arguments and markup: "" for "{name}" or "{count, number}". */
function words(elements: MessageFormatElement[]): string {
  return elements
    .map((el) => (el.type === TYPE.literal ? el.value : el.type === TYPE.tag ? words(el.children) : el.type === TYPE.plural || el.type === TYPE.select ? Object.values(el.options).map((o) => words(o.value)).join(' ') : ''))
    .join('')
    .trim();
}

function untranslatedAllowed(locale: Locale, english: string, ast: MessageFormatElement[]): boolean {
  const text = words(ast);
  if (!/\p{L}/u.test(text)) return true; // only arguments, numbers and punctuation
  if (BRANDS.has(english) || BRANDS.has(text)) return true;
  return SAME_AS_ENGLISH[locale]?.includes(english) ?? false;
}

/** Every problem with one feature's messages, described so that a failure says what to fix. */
export function checkFeature(dir: string): string[] {
  const problems: string[] = [];
  const missing = LOCALES.filter((locale) => !existsSync(join(dir, `${locale}.json`)));
  for (const locale of missing) problems.push(`${locale}.json is missing`);
  if (missing.includes('en')) return problems;
  const english = read(dir, 'en');
  const englishAst = new Map<string, MessageFormatElement[]>();
  for (const [id, message] of Object.entries(english)) {
    if (typeof message !== 'string' || !message.trim()) {
      problems.push(`en: ${id} is empty`);
      continue;
    }
    try {
      englishAst.set(id, parse(message));
    } catch (error) {
      problems.push(`en: ${id} is not a valid ICU message: ${(error as Error).message}`);
    }
  }
  for (const locale of LOCALES) {
    if (missing.includes(locale)) continue;
    const messages = read(dir, locale);
    for (const id of Object.keys(english)) if (!(id in messages)) problems.push(`${locale}: ${id} is missing`);
    for (const [id, message] of Object.entries(messages)) {
      if (!(id in english)) {
        problems.push(`${locale}: ${id} is not in en.json`);
        continue;
      }
      if (typeof message !== 'string' || !message.trim()) {
        problems.push(`${locale}: ${id} is empty`);
        continue;
      }
      let ast: MessageFormatElement[];
      try {
        ast = parse(message);
      } catch (error) {
        problems.push(`${locale}: ${id} is not a valid ICU message: ${(error as Error).message}`);
        continue;
      }
      for (const problem of pluralProblems(ast, locale)) problems.push(`${locale}: ${id}: ${problem}`);
      const source = englishAst.get(id);
      if (!source || locale === 'en') continue;
      // A count may be stated without plural forms ("已添加：{added}", "Ajoutés : {added}"), so a plural
      // in English matches a plain or number argument; argument names and select cases must match.
      const countable = (entry: string) => entry.replace(/:(plural|number)$/, ':argument');
      const expected = [...signature(source)].map(countable).sort().join(', ');
      const actual = [...signature(ast)].map(countable).sort().join(', ');
      if (expected !== actual) problems.push(`${locale}: ${id} uses {${actual}} where English uses {${expected}}`);
      if (message === english[id] && !untranslatedAllowed(locale, message, ast)) problems.push(`${locale}: ${id} is still in English ("${message}")`);
    }
  }
  return problems;
}

describe('translations (features/*/messages/<locale>.json)', () => {
  it('finds the feature message folders', () => {
    expect(folders.map((f) => f.feature)).toEqual(expect.arrayContaining(['shell', 'home']));
  });

  it.each(folders.map((f) => [f.feature, f.dir]))('%s: six languages, the keys of English, valid ICU, same arguments, translated', (_feature, dir) => {
    expect(checkFeature(dir)).toEqual([]);
  });

  it('uses every message id once across features (they are merged into one catalogue per language)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const { feature, dir } of folders) {
      if (!existsSync(join(dir, 'en.json'))) continue;
      for (const id of Object.keys(read(dir, 'en'))) {
        const other = seen.get(id);
        if (other) clashes.push(`${id} in ${other} and ${feature}`);
        seen.set(id, feature);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('catches each kind of mistake (a folder of deliberately broken translations)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'messages-guard-'));
    try {
      const files: Record<Locale, Record<string, string>> = {
        en: { 'x.count': '{count, plural, one {# comment} other {# comments}}', 'x.hello': 'Hello {name}', 'x.role': '{role, select, chair {Chair} other {Member}}', 'x.brand': 'Intersessional' },
        fr: { 'x.count': '{count, plural, one {# commentaire} other {# commentaires}}', 'x.hello': 'Bonjour {nom}', 'x.role': '{role, select, chair {Présidence} other {Membre}}', 'x.brand': 'Intersessional' },
        es: { 'x.count': '{count, plural, one {# comentario} other {# comentarios}', 'x.hello': 'Hola {name}', 'x.role': '{role, select, chair {Presidencia} member {Miembro} other {Miembro}}', 'x.brand': 'Intersessional' },
        ru: { 'x.count': '{count, plural, one {# комментарий} two {# комментария} other {# комментариев}}', 'x.hello': '', 'x.role': '{role, select, chair {Председатель} other {Участник}}', 'x.brand': 'Intersessional', 'x.extra': 'Лишнее' },
        zh: { 'x.count': '{count, plural, other {# 条意见}}', 'x.hello': 'Hello {name}', 'x.role': '{role, select, chair {主席} other {成员}}', 'x.brand': 'Intersessional' },
        ar: { 'x.count': '{count, plural, zero {لا تعليقات} one {تعليق واحد} two {تعليقان} few {# تعليقات} many {# تعليقًا} other {# تعليق}}', 'x.role': '{role, select, chair {الرئاسة} other {عضو}}', 'x.brand': 'Intersessional' },
      };
      for (const [locale, messages] of Object.entries(files)) writeFileSync(join(dir, `${locale}.json`), JSON.stringify(messages));
      expect(checkFeature(dir).sort()).toEqual(
        [
          'ar: x.hello is missing',
          'es: x.count is not a valid ICU message: EXPECT_ARGUMENT_CLOSING_BRACE',
          'es: x.role uses {role:select[chair|member|other]} where English uses {role:select[chair|other]}',
          'fr: x.hello uses {nom:argument} where English uses {name:argument}',
          'ru: x.count: {count, plural} has a "two" case, which ru does not use',
          'ru: x.extra is not in en.json',
          'ru: x.hello is empty',
          'zh: x.hello is still in English ("Hello {name}")',
        ].sort(),
      );
      rmSync(join(dir, 'zh.json'));
      expect(checkFeature(dir)).toContain('zh.json is missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
