/**
 * A passage of the frozen draft as the API's RANGE anchor wants it: a block id and an offset at each
 * end, offsets counted in UTF-16 code units of the paragraph's text (what JavaScript string lengths and
 * DOM ranges count), the end exclusive. The quote is only shown to the commenter; the API makes its own.
 */
export interface Passage {
  startBlockId: string;
  startOffset: number;
  endBlockId: string;
  endOffset: number;
  quote: string;
  /** Paragraph numbers of the first and last block (0 for a heading), for the form's summary. */
  startNumber: number;
  endNumber: number;
}

/** What a comment is on. */
export type Target = { kind: 'DOCUMENT' } | { kind: 'PARAGRAPH'; number: number } | { kind: 'RANGE'; passage: Passage };

/** The attribute marking an element whose text content is exactly one block's text. */
export const BLOCK_ATTRIBUTE = 'data-block-id';

interface BlockInfo {
  number: number;
  text: string;
}

/** The offset of a DOM point (container, offset) inside `element`'s text. */
function offsetIn(element: Element, container: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(element, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/**
 * The passage a DOM range covers inside `root`, clamped to the blocks' texts (a selection that starts
 * on a paragraph number or ends in a margin still means the text between). Null when it covers no text.
 */
export function passageFromRange(root: Element, range: Range, blocks: Map<string, BlockInfo>): Passage | null {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return null;
  const elements = [...root.querySelectorAll(`[${BLOCK_ATTRIBUTE}]`)].filter((el) => range.intersectsNode(el));
  const first = elements[0];
  const last = elements[elements.length - 1];
  if (!first || !last) return null;
  const firstId = first.getAttribute(BLOCK_ATTRIBUTE) ?? '';
  const lastId = last.getAttribute(BLOCK_ATTRIBUTE) ?? '';
  const firstBlock = blocks.get(firstId);
  const lastBlock = blocks.get(lastId);
  if (!firstBlock || !lastBlock) return null;
  const startOffset = first.contains(range.startContainer) ? offsetIn(first, range.startContainer, range.startOffset) : 0;
  const endOffset = last.contains(range.endContainer) ? offsetIn(last, range.endContainer, range.endOffset) : lastBlock.text.length;
  let quote: string;
  if (first === last) {
    quote = firstBlock.text.slice(startOffset, endOffset);
  } else {
    const middle = elements.slice(1, -1).map((el) => blocks.get(el.getAttribute(BLOCK_ATTRIBUTE) ?? '')?.text ?? '');
    quote = [firstBlock.text.slice(startOffset), ...middle, lastBlock.text.slice(0, endOffset)].join('\n');
  }
  if (!quote.trim()) return null;
  return { startBlockId: firstId, startOffset, endBlockId: lastId, endOffset, quote, startNumber: firstBlock.number, endNumber: lastBlock.number };
}

/** A passage inside one paragraph from a text field's selection (the keyboard path). */
export function passageInBlock(blockId: string, number: number, text: string, start: number, end: number): Passage | null {
  const from = Math.max(0, Math.min(start, end));
  const to = Math.min(text.length, Math.max(start, end));
  if (to <= from || !text.slice(from, to).trim()) return null;
  return { startBlockId: blockId, startOffset: from, endBlockId: blockId, endOffset: to, quote: text.slice(from, to), startNumber: number, endNumber: number };
}
