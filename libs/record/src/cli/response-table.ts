import { UnreadableInput } from './problems';

/** One row of the comment–response table (GET /comment-periods/<id>/responses): its cells as shown. */
export interface TableRow {
  readonly number: string;
  readonly paragraphs: string;
  readonly commenter: string;
  readonly comment: string;
  readonly response: string;
}

export type TableFormat = 'markdown' | 'html';

/** Splits a Markdown table row on the pipes that are not escaped (the export escapes every `|` a person typed). */
function markdownCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '\\') {
      cell += line.slice(i, i + 2);
      i += 1;
    } else if (line[i] === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += line[i];
  }
  return cells;
}

function parseMarkdown(text: string): TableRow[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^\|---\|/.test(line));
  if (start < 1) throw new UnreadableInput('the comment–response table has no table in it');
  return lines
    .slice(start + 1)
    .filter((line) => line.startsWith('|'))
    .map((line) => {
      const cells = markdownCells(line);
      if (cells.length !== 5) throw new UnreadableInput(`the comment–response table has a row of ${cells.length} cells: ${line.slice(0, 60)}`);
      const [number, paragraphs, commenter, comment, response] = cells;
      return { number, paragraphs, commenter, comment, response };
    });
}

function parseHtml(text: string): TableRow[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(text);
  if (!body) throw new UnreadableInput('the comment–response table has no table body');
  return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    if (cells.length !== 5) throw new UnreadableInput(`the comment–response table has a row of ${cells.length} cells`);
    const [number, paragraphs, commenter, comment, response] = cells;
    return { number, paragraphs, commenter, comment, response };
  });
}

export const formatOf = (path: string, text: string): TableFormat => (/\.html?$/i.test(path) || /^\s*<!doctype html/i.test(text) ? 'html' : 'markdown');

export function parseResponseTable(text: string, format: TableFormat): TableRow[] {
  return format === 'html' ? parseHtml(text) : parseMarkdown(text);
}

// The escaping the export applies (libs/document-schema escapeMarkdown / escapeHtml, libs/consultation
// user-text.ts markdownCell): the verifier renders what the record holds the same way and compares
// the characters, so any change of a word, a name or an answer shows.
const escapeMarkdown = (text: string): string => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/^(\d+)\. /, '$1\\. ');
export const markdownCell = (text: string): string =>
  escapeMarkdown(text)
    .replace(/[&~]/g, '\\$&')
    .replace(/\r?\n+/g, ' <br> ')
    .trim();
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text content of an HTML fragment: tags dropped, entities decoded. */
export function htmlTextContent(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? '';
    });
}

/**
 * The words of a text, whatever its markup: the HTML table renders a Markdown body (emphasis, lists,
 * links), so the comment cell is compared word for word rather than character for character.
 */
export const wordsOf = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
