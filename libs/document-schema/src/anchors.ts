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
 * get number 0), with their offsets in the flat text. `reuse` may give a block's text and segments
 * read earlier, when nothing changed inside it since (reading the text is most of the cost).
 */
export function textBlocks(doc: Y.Doc, reuse?: (element: Y.XmlElement) => Pick<TextBlock, 'text' | 'segments'> | undefined): TextBlock[] {
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
      const { text, segments } = reuse?.(child) ?? segmentsOf(child, depth);
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

export const encodeRelativePosition = (position: Y.RelativePosition): Uint8Array => Y.encodeRelativePosition(position);
export const decodeRelativePosition = (bytes: Uint8Array): Y.RelativePosition => Y.decodeRelativePosition(bytes);

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Characters of context kept on each side of a quote (quote-search relies on this length). */
const CONTEXT = 32;

export function quoteOf(text: string, start: number, end: number): TextQuote {
  return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) };
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

/** The paragraph number of a block, or of the paragraph before it for a heading. */
export function paragraphNumberAt(blocks: TextBlock[], index: number): number {
  for (let i = index; i >= 0; i -= 1) if (blocks[i].number) return blocks[i].number;
  return 0;
}
