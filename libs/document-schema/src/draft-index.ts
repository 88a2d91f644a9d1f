/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<EventType>; the maps key on any of them */
import * as Y from 'yjs';
import { type BlockPoint, type TextBlock, textBlocks } from './anchors';

/**
 * One document state read once for every comment projected onto it: its textblocks, their flat text,
 * and maps from Yjs types to blocks so that resolving a relative position costs a lookup, not a scan.
 * Build it once per request and per document state (`DraftIndex.of`), never per comment.
 */
export class DraftIndex {
  readonly blocks: TextBlock[];
  readonly flat: string;
  /** The block and the segment start of every Y.XmlText that holds block text. */
  private readonly textNodes = new Map<Y.AbstractType<any>, { block: number; start: number; length: number }>();
  /** The block of every textblock element, and the first block inside every container element. */
  private readonly elements = new Map<Y.AbstractType<any>, number>();

  private constructor(
    readonly doc: Y.Doc,
    previous?: { index: DraftIndex; touched: ReadonlySet<Y.AbstractType<any>> },
  ) {
    const reuse = previous && ((element: Y.XmlElement) => (previous.touched.has(element) ? undefined : previous.index.blockOfElement(element)));
    this.blocks = textBlocks(doc, reuse);
    this.flat = this.blocks.map((b) => b.text).join('\n');
    this.blocks.forEach((block, index) => {
      this.elements.set(block.element, index);
      for (const s of block.segments) if (s.node) this.textNodes.set(s.node, { block: index, start: s.start, length: s.length });
      // containers (list items, quotes, cells) up the tree: their first block
      for (let parent = block.element.parent; parent instanceof Y.XmlElement && !this.elements.has(parent); parent = parent.parent) {
        this.elements.set(parent, index);
      }
    });
  }

  /**
   * The index of a document state. Given the index of an earlier state of the same document and the
   * textblocks changed since, the text of the others is taken from it rather than read again.
   */
  static of(doc: Y.Doc, previous?: { index: DraftIndex; touched: ReadonlySet<Y.AbstractType<any>> }): DraftIndex {
    return new DraftIndex(doc, previous);
  }

  private blockOfElement(element: Y.XmlElement): TextBlock | undefined {
    const index = this.elements.get(element);
    return index !== undefined && this.blocks[index].element === element ? this.blocks[index] : undefined;
  }

  /** The index of a textblock element in `blocks`, or undefined if it is not one (any more). */
  blockOf(element: Y.AbstractType<any>): number | undefined {
    return this.elements.get(element);
  }

  flatOffset(point: BlockPoint): number {
    return this.blocks[point.block].start + point.offset;
  }

  /** The point at a flat-text offset (binary search; an offset on a separator ends the block before). */
  pointAt(flatOffset: number): BlockPoint | null {
    const { blocks } = this;
    if (!blocks.length || flatOffset < 0) return null;
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (flatOffset <= blocks[mid].start + blocks[mid].text.length) high = mid;
      else low = mid + 1;
    }
    const block = blocks[low];
    if (flatOffset > block.start + block.text.length) return null;
    return { block: low, offset: Math.max(0, flatOffset - block.start) };
  }

  /** The paragraph number of a block, or of the paragraph before it for a heading (0 before any). */
  paragraphNumber(block: number): number {
    for (let i = block; i >= 0; i -= 1) if (this.blocks[i].number) return this.blocks[i].number;
    return 0;
  }

  /** The Yjs id of the character at a flat offset (null for a hard break or past the end). */
  itemAt(flatOffset: number): Y.ID | null {
    const point = this.pointAt(flatOffset);
    if (!point) return null;
    const block = this.blocks[point.block];
    const segment = block.segments.find((s) => s.node && point.offset >= s.start && point.offset < s.start + s.length);
    if (!segment?.node) return null;
    return Y.createRelativePositionFromTypeIndex(segment.node, point.offset - segment.start, 0).item;
  }

  textBetween(from: BlockPoint, to: BlockPoint): string {
    return this.flat.slice(this.flatOffset(from), this.flatOffset(to));
  }

  /**
   * Where a relative position is now. `alive` tells whether the character it sticks to still exists:
   * when it was deleted, `point` is where it stood (Yjs keeps the deleted item in place), or, when its
   * whole block was deleted too, the start of the first block after it. Null only when the position
   * names nothing this document has seen.
   */
  resolve(position: Y.RelativePosition): { point: BlockPoint; alive: boolean } | null {
    const item = position.item ? itemAt(this.doc, position.item) : null;
    if (position.item && !item) return null;
    const alive = !item || !item.deleted;
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, this.doc);
    if (absolute) {
      const text = this.textNodes.get(absolute.type);
      if (text) return { point: { block: text.block, offset: text.start + Math.min(absolute.index, text.length) }, alive };
      const block = this.elements.get(absolute.type);
      if (block !== undefined && this.blocks[block].element === absolute.type) return { point: { block, offset: 0 }, alive };
    }
    // its type is gone: climb to the highest deleted item, then take the first live block after it
    if (!item) return null;
    return { point: this.liveBlockAfter(item), alive: false };
  }

  private liveBlockAfter(deleted: Y.Item): BlockPoint {
    let item = deleted;
    for (let parent = item.parent as Y.AbstractType<any>; parent._item?.deleted; parent = item.parent as Y.AbstractType<any>) item = parent._item;
    for (let from: Y.Item | null = item; from; from = (from.parent as Y.AbstractType<any>)._item) {
      for (let right = from.right; right; right = right.right) {
        if (right.deleted || !(right.content instanceof Y.ContentType)) continue;
        const block = this.elements.get(right.content.type);
        if (block !== undefined) return { block, offset: 0 };
      }
    }
    const last = this.blocks.length - 1;
    return { block: Math.max(last, 0), offset: last >= 0 ? this.blocks[last].text.length : 0 };
  }
}

/** The item a relative position names, if this document has it. */
function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : null;
}
