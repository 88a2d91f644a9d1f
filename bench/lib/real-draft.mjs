// A long draft of real prose for benchmarks: a UN General Assembly resolution (kept in the repository,
// with an ordered list and tables) followed by real license texts read at run time from
// /usr/share/common-licenses (not copied into the repository), turned into Markdown paragraphs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LICENSES_DIR = '/usr/share/common-licenses';

/** The license texts in the order they are added, with the heading each gets. */
export const LICENSES = [
  ['GPL-3', 'GNU General Public License, version 3'],
  ['GPL-2', 'GNU General Public License, version 2'],
  ['LGPL-2.1', 'GNU Lesser General Public License, version 2.1'],
  ['MPL-2.0', 'Mozilla Public License, version 2.0'],
  ['MPL-1.1', 'Mozilla Public License, version 1.1'],
  ['Apache-2.0', 'Apache License, version 2.0'],
  ['GFDL-1.3', 'GNU Free Documentation License, version 1.3'],
  ['Artistic', 'The Artistic License'],
  ['CC0-1.0', 'Creative Commons CC0 1.0 Universal'],
];

/** Added only while the draft is still short of the word target after LICENSES. */
export const EXTRA_LICENSES = [
  ['LGPL-3', 'GNU Lesser General Public License, version 3'],
  ['GPL-1', 'GNU General Public License, version 1'],
  ['BSD', 'BSD License'],
];

export const countWords = (text) => (text.match(/\S+/g) ?? []).length;

/**
 * Escapes what Markdown would interpret, so the paragraph's text is imported exactly as written:
 * inline syntax anywhere (emphasis, code, links, autolinks, entities, table pipes) and block syntax at
 * the start (headings, quotes, list markers such as `-`, `+`, `*` or `1.`, thematic breaks).
 */
export function escapeParagraph(text) {
  return text
    .replace(/([\\`*_[\]<>#|~&])/g, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([+\-=])/, '\\$1');
}

/**
 * A plain-text license → Markdown: paragraphs are the blocks between blank lines, their hard-wrapped
 * lines joined with single spaces; blocks without a letter or digit (rulers) are left out. Numbered and
 * lettered clauses ("1. Definitions.", "a) …") stay paragraphs: they are clauses, not Markdown lists.
 */
export function licenseToMarkdown(text, heading) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).filter(Boolean).join(' ').replace(/\s+/g, ' '))
    .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph));
  return { markdown: [`## ${heading}`, ...paragraphs.map(escapeParagraph)].join('\n\n'), words: paragraphs.reduce((n, p) => n + countWords(p), 0), paragraphs: paragraphs.length };
}

/**
 * The draft's Markdown: the resolution, then licenses (LICENSES, then EXTRA_LICENSES) until `minWords`
 * is reached; a text is never cut in the middle. Returns the Markdown and what went into it.
 */
export function buildRealDraft(root, { minWords = 30_000 } = {}) {
  const resolution = readFileSync(join(root, 'libs/document-schema/src/testing/prose/un-ict-resolutions.md'), 'utf8').trim();
  const parts = [{ name: 'UN A/RES/65/141 (un-ict-resolutions.md)', words: countWords(resolution.replace(/^[#|].*$/gm, (line) => line.replace(/[#|-]/g, ' '))) }];
  const sections = [resolution];
  let words = parts[0].words;
  for (const [file, heading] of [...LICENSES, ...EXTRA_LICENSES]) {
    if (words >= minWords) break;
    const path = join(LICENSES_DIR, file);
    if (!existsSync(path)) continue;
    const converted = licenseToMarkdown(readFileSync(path, 'utf8'), heading);
    sections.push(converted.markdown);
    parts.push({ name: `${heading} (${path})`, words: converted.words, paragraphs: converted.paragraphs, extra: EXTRA_LICENSES.some(([f]) => f === file) });
    words += converted.words;
  }
  return { markdown: `${sections.join('\n\n')}\n`, words, parts };
}
