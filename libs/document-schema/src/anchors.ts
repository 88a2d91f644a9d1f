import search from 'approx-string-match';
import * as Y from 'yjs';
import { MAX_DEPTH, blockIdOf, storableText } from './attributes';
import { BLOCK_ID, FRAGMENT, NODE, TEXTBLOCKS } from './schema';

/**
 * Text positions in a Y.Doc for comments on passages. Everything here works on the Yjs structure
 * directly (not on JSON), because comments keep Yjs relative positions that must be created and resolved
 * against the same items the editors change.
 *
 * The document's "flat text" is its textblocks' texts joined with "\n", in reading order; a hard break
 * counts as one "\n". Offsets inside a block count characters of that block's text. The blocks, their
 * numbers and texts are those of `numberedParagraphs()` (same depth limit, same NUL replacement).
 */

interface Segment {
  /** The Y.XmlText holding these characters, or null for a hard break. */
  node: Y.XmlText | null;
  /** Offset of the segment inside the block's text. */
  start: number;
  length: number;
}

export interface TextBlock {
  /** Paragraph number as the public comment view shows it (headings: 0). */
  number: number;
  blockId: string | null;
  type: string;
  element: Y.XmlElement;
  text: string;
  /** Offset of the block's first character in the flat text. */
  start: number;
  segments: Segment[];
}

/** A point in a block: the block's index in `textBlocks()` and a character offset in its text. */
export interface BlockPoint {
  block: number;
  offset: number;
}

const stringsOf = (text: Y.XmlText): string =>
  storableText((text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join(''));

/** The text of a textblock at `depth`, with inline elements down to MAX_DEPTH, as `yDocToJson` reads it. */
function segmentsOf(element: Y.XmlElement, depth: number): { text: string; segments: Segment[] } {
  const segments: Segment[] = [];
  let text = '';
  const walk = (parent: Y.XmlElement, childDepth: number) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        const s = stringsOf(child);
        segments.push({ node: child, start: text.length, length: s.length });
        text += s;
      } else if (child instanceof Y.XmlElement && childDepth <= MAX_DEPTH) {
        if (child.nodeName === NODE.hardBreak) {
          segments.push({ node: null, start: text.length, length: 1 });
          text += '\n';
        } else walk(child, childDepth + 1);
      }
    }
  };
  walk(element, depth + 1);
  return { text, segments };
}

/**
 * Every textblock in reading order, numbered like `paragraphs()` (empty paragraphs are skipped, headings
 * get number 0), with their offsets in the flat text.
 */
export function textBlocks(doc: Y.Doc): TextBlock[] {
  const blocks: TextBlock[] = [];
  let number = 0;
  let start = 0;
  const walk = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (!TEXTBLOCKS.has(child.nodeName)) {
        walk(child, depth + 1);
        continue;
      }
      const { text, segments } = segmentsOf(child, depth);
      const isParagraph = child.nodeName === NODE.paragraph;
      if (isParagraph && !text.trim()) continue;
      blocks.push({
        number: isParagraph ? (number += 1) : 0,
        blockId: blockIdOf(child.getAttribute(BLOCK_ID)),
        type: child.nodeName,
        element: child,
        text,
        start,
        segments,
      });
      start += text.length + 1;
    }
  };
  walk(doc.getXmlFragment(FRAGMENT), 1);
  return blocks;
}

export const flatText = (blocks: TextBlock[]): string => blocks.map((b) => b.text).join('\n');

/** The point at a flat-text offset (an offset on a block separator belongs to the end of the block before). */
export function pointAt(blocks: TextBlock[], flatOffset: number): BlockPoint | null {
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i];
    if (flatOffset <= block.start + block.text.length) return { block: i, offset: Math.max(0, flatOffset - block.start) };
  }
  return null;
}

export const flatOffsetOf = (blocks: TextBlock[], point: BlockPoint): number => blocks[point.block].start + point.offset;

/**
 * A Yjs relative position for a point: it follows the characters as people edit around them. `assoc`
 * >= 0 sticks to the character after the point (use it for a range's start), < 0 to the one before (end).
 */
export function relativePosition(blocks: TextBlock[], point: BlockPoint, assoc: number): Y.RelativePosition {
  const block = blocks[point.block];
  const texts = block.segments.filter((s) => s.node);
  // the segment that holds the point; at a boundary, the one that holds the character it sticks to
  const holder =
    texts.find((s) => (assoc >= 0 ? point.offset >= s.start && point.offset < s.start + s.length : point.offset > s.start && point.offset <= s.start + s.length)) ??
    texts.find((s) => point.offset >= s.start && point.offset <= s.start + s.length) ??
    texts.at(assoc >= 0 ? 0 : -1);
  if (!holder?.node) return Y.createRelativePositionFromTypeIndex(block.element, 0, assoc);
  const index = Math.min(Math.max(point.offset - holder.start, 0), holder.length);
  return Y.createRelativePositionFromTypeIndex(holder.node, index, assoc);
}

/** Where a relative position is now, or null if its block is gone. */
export function resolvePosition(doc: Y.Doc, blocks: TextBlock[], position: Y.RelativePosition): BlockPoint | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) return null;
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i];
    if (absolute.type === block.element) return { block: i, offset: 0 };
    const segment = block.segments.find((s) => s.node === absolute.type);
    if (segment) return { block: i, offset: segment.start + Math.min(absolute.index, segment.length) };
  }
  return null;
}

export const encodeRelativePosition = (position: Y.RelativePosition): Uint8Array => Y.encodeRelativePosition(position);
export const decodeRelativePosition = (bytes: Uint8Array): Y.RelativePosition => Y.decodeRelativePosition(bytes);

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

const CONTEXT = 32;

export function quoteOf(text: string, start: number, end: number): TextQuote {
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) };
}

/**
 * Longest quote looked for approximately. The search costs the text's length times the quote's over 32,
 * so a comment on a whole long document would take minutes on every projection; longer quotes are
 * looked for exactly (linear), at most MAX_EXACT_MATCHES places.
 */
const MAX_FUZZY_QUOTE = 2000;
const MAX_EXACT_MATCHES = 100;

function exactMatches(text: string, exact: string): { start: number; end: number; errors: number }[] {
  const matches: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(exact); at >= 0 && matches.length < MAX_EXACT_MATCHES; at = text.indexOf(exact, at + 1)) {
    matches.push({ start: at, end: at + exact.length, errors: 0 });
  }
  return matches;
}

/** Short quotes must match closely (few characters say little); long ones may have been edited more. */
const defaultQuality = (exact: string): number => (exact.length >= 20 ? 0.6 : 0.8);

/** 1 for equal strings, falling towards 0 with the edit distance. */
function similarity(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  const [match] = search(a, b, b.length);
  const errors = match ? match.errors : b.length;
  return 1 - errors / Math.max(b.length, 1);
}

/**
 * Finds a quote in text that may have been edited since (the approach of W3C text-quote selectors
 * and Hypothesis): approximate matches of the exact text, scored by how close they are, how well
 * the prefix and suffix around them match and how near they are to where the passage used to be.
 * Returns null when nothing is at least `minQuality` similar.
 */
export function findQuote(text: string, quote: TextQuote, hint: number, minQuality = defaultQuality(quote.exact)): { start: number; end: number; quality: number } | null {
  if (!quote.exact) return null;
  const maxErrors = Math.min(256, Math.floor(quote.exact.length * (1 - minQuality)));
  const matches = quote.exact.length > MAX_FUZZY_QUOTE ? exactMatches(text, quote.exact) : search(text, quote.exact, maxErrors);
  let best: { start: number; end: number; quality: number; score: number } | null = null;
  for (const m of matches) {
    const quality = 1 - m.errors / quote.exact.length;
    const prefix = quote.prefix ? similarity(text.slice(Math.max(0, m.start - quote.prefix.length), m.start), quote.prefix) : 1;
    const suffix = quote.suffix ? similarity(text.slice(m.end, m.end + quote.suffix.length), quote.suffix) : 1;
    const nearness = 1 - Math.min(Math.abs(m.start - hint), text.length) / Math.max(text.length, 1);
    const score = quality * 50 + prefix * 20 + suffix * 20 + nearness * 2;
    if (!best || score > best.score) best = { start: m.start, end: m.end, quality, score };
  }
  return best && best.quality >= minQuality ? { start: best.start, end: best.end, quality: best.quality } : null;
}

/**
 * Replaces the text between two points with plain `text`, as one transaction. Within one block the
 * surrounding formatting is kept; across blocks the rest of the last block joins the first block and
 * the blocks in between are removed.
 */
export function replaceBetween(doc: Y.Doc, blocks: TextBlock[], from: BlockPoint, to: BlockPoint, text: string, origin?: unknown): void {
  doc.transact(() => {
    const first = blocks[from.block];
    const last = blocks[to.block];
    const tail = from.block === to.block ? '' : last.text.slice(to.offset);
    if (from.block === to.block) deleteInBlock(first, from.offset, to.offset);
    else {
      deleteInBlock(first, from.offset, first.text.length);
      for (let i = to.block; i > from.block; i -= 1) removeBlock(blocks[i].element);
    }
    insertInBlock(first, from.offset, text + tail);
  }, origin);
}

function deleteInBlock(block: TextBlock, from: number, to: number): void {
  // right to left, so earlier offsets stay valid
  for (const segment of [...block.segments].reverse()) {
    const start = Math.max(from, segment.start);
    const end = Math.min(to, segment.start + segment.length);
    if (end <= start) continue;
    if (segment.node) segment.node.delete(start - segment.start, end - start);
  }
}

function insertInBlock(block: TextBlock, offset: number, text: string): void {
  if (!text) return;
  const holder = block.segments.find((s) => s.node && offset >= s.start && offset <= s.start + s.length);
  if (holder?.node) {
    holder.node.insert(offset - holder.start, text);
    return;
  }
  const node = new Y.XmlText();
  block.element.insert(block.element.length, [node]);
  node.insert(0, text);
}

/** Removes a block, and any list item, quote or cell that it leaves empty. */
function removeBlock(element: Y.XmlElement): void {
  const parent = element.parent as Y.XmlElement | Y.XmlFragment | null;
  if (!parent) return;
  const index = parent.toArray().indexOf(element);
  if (index >= 0) parent.delete(index, 1);
  if (parent instanceof Y.XmlElement && parent.length === 0) removeBlock(parent);
}

// ---------- projecting a comment's anchor onto today's draft ----------

export type AnchorStatus = 'EXACT' | 'MOVED' | 'CHANGED' | 'ORPHANED';

/** A passage as stored with a comment, taken in a frozen version. */
export interface StoredRange {
  quote: TextQuote;
  start: Uint8Array;
  end: Uint8Array;
  /** Where it was in the version: paragraph numbers and block offsets. */
  startParagraph: number;
  endParagraph: number;
  startOffset: number;
  endOffset: number;
  /** Offset in the version's flat text, a hint for the quote search. */
  flatStart: number;
}

export interface Projection {
  status: AnchorStatus;
  /** The passage in the live draft (absent when orphaned). */
  from?: BlockPoint;
  to?: BlockPoint;
  text?: string;
  startParagraph?: number;
  endParagraph?: number;
}

/**
 * Where a passage commented on in a version is in the live draft: relative positions first, then a
 * fuzzy search for the quote. EXACT: same text at the same place; MOVED: same text elsewhere; CHANGED:
 * the passage is still there but its text was edited; ORPHANED: it was deleted.
 */
export function projectRange(doc: Y.Doc, blocks: TextBlock[], range: StoredRange): Projection {
  const flat = flatText(blocks);
  const from = resolvePosition(doc, blocks, decodeRelativePosition(range.start));
  const to = resolvePosition(doc, blocks, decodeRelativePosition(range.end));
  const located = (f: BlockPoint, t: BlockPoint, status: AnchorStatus): Projection => ({
    status,
    from: f,
    to: t,
    text: flat.slice(flatOffsetOf(blocks, f), flatOffsetOf(blocks, t)),
    startParagraph: paragraphNumberAt(blocks, f.block),
    endParagraph: paragraphNumberAt(blocks, t.block),
  });
  const tracked = from && to && flatOffsetOf(blocks, from) <= flatOffsetOf(blocks, to) ? { from, to } : null;
  if (tracked) {
    const projection = located(tracked.from, tracked.to, 'EXACT');
    if (projection.text === range.quote.exact) {
      const same =
        projection.startParagraph === range.startParagraph &&
        projection.endParagraph === range.endParagraph &&
        tracked.from.offset === range.startOffset &&
        tracked.to.offset === range.endOffset;
      return { ...projection, status: same ? 'EXACT' : 'MOVED' };
    }
  }
  const hint = tracked ? flatOffsetOf(blocks, tracked.from) : range.flatStart;
  const found = findQuote(flat, range.quote, hint);
  if (found) {
    const f = pointAt(blocks, found.start);
    const t = pointAt(blocks, found.end);
    if (f && t) return located(f, t, found.quality === 1 ? 'MOVED' : 'CHANGED');
  }
  if (tracked && flatOffsetOf(blocks, tracked.to) > flatOffsetOf(blocks, tracked.from)) return located(tracked.from, tracked.to, 'CHANGED');
  return { status: 'ORPHANED' };
}

/** The paragraph number of a block, or of the paragraph before it for a heading. */
export function paragraphNumberAt(blocks: TextBlock[], index: number): number {
  for (let i = index; i >= 0; i -= 1) if (blocks[i].number) return blocks[i].number;
  return 0;
}
