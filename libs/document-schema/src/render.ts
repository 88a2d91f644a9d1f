import { blockIdOf, cellSpan, headingLevel, listStart, safeHref } from './attributes';
import { MARK, NODE, type PmNode, TEXTBLOCKS } from './schema';

/*
 * Renderers take any PmNode tree: `yDocToJson` cleans what clients wrote, and these read the attributes
 * they use through attributes.ts again, so hand-made JSON cannot make them throw or grow either.
 */

/** Text for HTML content and attribute values. */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const textOf = (node: PmNode): string =>
  node.type === 'text' ? node.text ?? '' : node.type === NODE.hardBreak ? '\n' : (node.content ?? []).map(textOf).join('');

// ---------- Markdown ----------

/** Markdown punctuation escaped so text stays text: no emphasis, link, image, HTML or table syntax. */
export const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/^(\d+)\. /, '$1\\. ');

function inlineMarkdown(nodes: PmNode[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === NODE.hardBreak) return '\\\n';
      // an unknown inline node (a mention, an image) shows its text
      if (node.type !== 'text') return inlineMarkdown(node.content);
      let text = escapeMarkdown(node.text ?? '');
      const marks = new Map((node.marks ?? []).map((m) => [m.type, m]));
      if (marks.has(MARK.italic)) text = `*${text}*`;
      if (marks.has(MARK.bold)) text = `**${text}**`;
      const href = safeHref(marks.get(MARK.link)?.attrs?.href);
      if (href) text = `[${text}](${href.replace(/[()\s<>]/g, encodeURIComponent)})`;
      return text;
    })
    .join('');
}

const indent = (text: string, prefix: string) =>
  text.split('\n').map((line, i) => (i === 0 || line === '' ? line : prefix + line)).join('\n');

/** A list item's blocks; anything else found in a list is read as the only block of an item. */
const itemBlocks = (item: PmNode): PmNode[] => (item.type === NODE.listItem ? item.content ?? [] : [item]);

/** A cell's text on one line; `colspan` adds empty cells after it, so the columns stay in place. */
function tableCells(cell: PmNode): string[] {
  const text = inlineMarkdown(cell.type === 'text' ? [cell] : (cell.content ?? []).flatMap((p) => (p.type === 'text' ? [p] : p.content ?? []))).replace(/\n/g, ' ');
  return [text, ...Array.from({ length: cellSpan(cell.attrs?.colspan) - 1 }, () => '')];
}

function blockMarkdown(node: PmNode): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'text':
    case NODE.paragraph:
      return node.type === 'text' ? inlineMarkdown([node]) : inlineMarkdown(children);
    case NODE.heading:
      return `${'#'.repeat(headingLevel(node.attrs?.level))} ${inlineMarkdown(children)}`;
    case NODE.blockquote:
      return children.map(blockMarkdown).join('\n\n').split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
    case NODE.bulletList:
      return children.map((item) => `- ${indent(itemBlocks(item).map(blockMarkdown).join('\n\n'), '  ')}`).join('\n');
    case NODE.orderedList: {
      const start = listStart(node.attrs?.start);
      return children
        .map((item, i) => {
          const marker = `${start + i}. `;
          return marker + indent(itemBlocks(item).map(blockMarkdown).join('\n\n'), ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case NODE.table: {
      const rows = children.map((row) => (row.content ?? []).flatMap(tableCells));
      const [head = [], ...body] = rows;
      if (!head.length) return '';
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
    }
    default:
      return children.map(blockMarkdown).join('\n\n');
  }
}

/** ProseMirror JSON → Markdown (CommonMark + tables), the format people download and bring back. */
export function jsonToMarkdown(doc: PmNode): string {
  return `${(doc.content ?? []).map(blockMarkdown).join('\n\n')}\n`;
}

// ---------- HTML ----------

const TAGS = new Map<string, string>([
  [NODE.paragraph, 'p'],
  [NODE.bulletList, 'ul'],
  [NODE.orderedList, 'ol'],
  [NODE.listItem, 'li'],
  [NODE.blockquote, 'blockquote'],
  [NODE.table, 'table'],
  [NODE.tableRow, 'tr'],
  [NODE.tableHeader, 'th'],
  [NODE.tableCell, 'td'],
]);

function htmlAttributes(node: PmNode): string {
  const attrs = node.attrs ?? {};
  const id = TEXTBLOCKS.has(node.type) ? blockIdOf(attrs.id) : null;
  let html = id ? ` id="${id}"` : '';
  if (node.type === NODE.orderedList && listStart(attrs.start) !== 1) html += ` start="${listStart(attrs.start)}"`;
  if (node.type === NODE.tableCell || node.type === NODE.tableHeader) {
    if (cellSpan(attrs.colspan) > 1) html += ` colspan="${cellSpan(attrs.colspan)}"`;
    if (cellSpan(attrs.rowspan) > 1) html += ` rowspan="${cellSpan(attrs.rowspan)}"`;
  }
  return html;
}

function nodeHtml(node: PmNode): string {
  if (node.type === 'text') {
    let html = escapeHtml(node.text ?? '');
    const marks = new Map((node.marks ?? []).map((m) => [m.type, m]));
    if (marks.has(MARK.italic)) html = `<em>${html}</em>`;
    if (marks.has(MARK.bold)) html = `<strong>${html}</strong>`;
    const href = safeHref(marks.get(MARK.link)?.attrs?.href);
    if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
    return html;
  }
  if (node.type === NODE.hardBreak) return '<br>';
  const inner = (node.content ?? []).map(nodeHtml).join('');
  const tag = node.type === NODE.heading ? `h${headingLevel(node.attrs?.level)}` : TAGS.get(node.type);
  if (!tag) return inner;
  return `<${tag}${htmlAttributes(node)}>${inner}</${tag}>`;
}

/** ProseMirror JSON → an HTML fragment; all text escaped, only http(s)/mailto links kept. */
export function jsonToHtml(doc: PmNode): string {
  return (doc.content ?? []).map(nodeHtml).join('\n');
}

// ---------- numbered paragraphs and text ----------

export interface NumberedParagraph {
  /** 1-based, in reading order, as the public comment view shows them. */
  number: number;
  blockId: string | null;
  /** paragraph or heading */
  type: string;
  text: string;
}

/**
 * Every textblock in reading order (inside lists, quotes and tables too). Paragraphs are numbered as
 * the IGF review platform numbered them; headings are listed with number 0 (they are not commented on
 * as paragraphs but give the structure).
 */
export function paragraphs(doc: PmNode): NumberedParagraph[] {
  const out: NumberedParagraph[] = [];
  let number = 0;
  const walk = (node: PmNode) => {
    if (TEXTBLOCKS.has(node.type)) {
      const isParagraph = node.type === NODE.paragraph;
      const text = textOf(node);
      if (isParagraph && !text.trim()) return;
      out.push({
        number: isParagraph ? (number += 1) : 0,
        blockId: blockIdOf(node.attrs?.id),
        type: node.type,
        text,
      });
      return;
    }
    (node.content ?? []).forEach(walk);
  };
  walk(doc);
  return out;
}

/** Plain text; with `numbered`, each paragraph is prefixed with its number: "[12] …". */
export function jsonToText(doc: PmNode, options: { numbered?: boolean } = {}): string {
  return `${paragraphs(doc)
    .map((p) => (options.numbered && p.number ? `[${p.number}] ${p.text}` : p.text))
    .join('\n\n')}\n`;
}
