import { type BlockPoint, type TextQuote, decodeRelativePosition } from './anchors';
import type { DraftIndex } from './draft-index';
import { type Span, findExact, findSimilar } from './quote-search';

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
  /** Offset in the version's flat text: where to look when Yjs lost the passage altogether. */
  flatStart: number;
  /**
   * The version's Yjs state vector (client → clock). Text that already existed in the version cannot
   * be this passage moved elsewhere (Yjs items never move: moved text is new text), so a quote found
   * in such text is another occurrence, not this passage. Without it, that check is skipped.
   */
  versionState?: Map<number, number>;
}

/**
 * How a projection was found: `tracked` — Yjs still encloses the passage; `searched` — it collapsed
 * and its quote was found; `orphaned` — neither. Tracked projections depend only on the blocks they
 * span; the others on the whole text (a cache keeps the first kind across unrelated edits).
 */
export type ProjectionBasis = 'tracked' | 'searched' | 'orphaned';

export interface Projection {
  status: AnchorStatus;
  basis: ProjectionBasis;
  /** The passage in the live draft (absent when orphaned). */
  from?: BlockPoint;
  to?: BlockPoint;
  text?: string;
  startParagraph?: number;
  endParagraph?: number;
}

/**
 * Where a passage commented on in a version stands in today's draft.
 *
 * 1. Trust what Yjs tracked: if the relative positions still enclose text, that text is the passage,
 *    edited or not (EXACT or MOVED when it reads as the quote, CHANGED with today's text when not).
 *    When one end's character was deleted (words replaced at the passage's edge, a paragraph split
 *    inside it), a strongly similar match of the quote overlapping the tracked text may widen it.
 * 2. A collapsed range (its text deleted, or cut and pasted: Yjs sees a deletion and an insertion) is
 *    looked up by its quote: the exact text whose own context agrees, nearest the old place first;
 *    then a strong approximate match near the old place, whose context agrees too.
 * 3. Otherwise ORPHANED: the facilitator sees the stored quote. A confident wrong place is worse.
 */
export function projectRange(index: DraftIndex, range: StoredRange): Projection {
  let from = index.resolve(decodeRelativePosition(range.start));
  let to = index.resolve(decodeRelativePosition(range.end));
  // A passage over several blocks whose first (or last) blocks were deleted and collected: what is
  // left of it starts at its first surviving block (or ends with its last).
  const spansBlocks = range.quote.exact.includes('\n');
  if (!from && to && spansBlocks) from = { point: { block: to.point.block, offset: 0 }, alive: false };
  if (from && !to && spansBlocks) to = { point: { block: from.point.block, offset: index.blocks[from.point.block].text.length }, alive: false };
  const hint = from ? index.flatOffset(from.point) : to ? index.flatOffset(to.point) : range.flatStart;
  if (from && to) {
    const tracked = { start: index.flatOffset(from.point), end: index.flatOffset(to.point) };
    if (from.alive && to.alive && tracked.end > tracked.start) return located(index, range, tracked, 'tracked');
    if (tracked.end > tracked.start && !isRemnant(index.flat.slice(tracked.start, tracked.end), range.quote.exact)) {
      const margin = range.quote.exact.length + 32;
      const widened = findSimilar(index.flat, range.quote, { start: tracked.start - margin, end: tracked.end + margin }, tracked.start, { overlapping: tracked, strict: true });
      return located(index, range, widened ?? tracked, 'tracked');
    }
  }
  const isNew = newText(index, range);
  const exact = findExact(index.flat, range.quote, hint, isNew);
  if (exact) return located(index, range, exact, 'searched');
  const reach = Math.max(1000, 3 * range.quote.exact.length);
  const similar = findSimilar(index.flat, range.quote, { start: hint - reach, end: hint + reach }, hint, { accept: isNew });
  if (similar) return located(index, range, similar, 'searched');
  return { status: 'ORPHANED', basis: 'orphaned' };
}

/**
 * What survives of a passage whose end was deleted, when it is a few stray characters: a text editor's
 * minimal diff can keep a letter or a space of a deleted passage (deleting "passage a" before "a…"
 * may keep the first "a"). Such a remnant is not the passage.
 */
function isRemnant(surviving: string, quote: string): boolean {
  return surviving.trim().length < Math.max(4, 0.15 * quote.length);
}

/** Whether a span's text was written after the version (the passage moved or restored) or was there already. */
function newText(index: DraftIndex, range: StoredRange): ((span: Span) => boolean) | undefined {
  const state = range.versionState;
  if (!state) return undefined;
  const existed = (offset: number) => {
    const id = index.itemAt(offset);
    return id !== null && id.clock < (state.get(id.client) ?? 0);
  };
  return (span) => !(existed(span.start) && existed(span.end - 1));
}

function located(index: DraftIndex, range: StoredRange, span: Span, basis: ProjectionBasis): Projection {
  const from = index.pointAt(span.start);
  const to = index.pointAt(span.end);
  if (!from || !to) return { status: 'ORPHANED', basis: 'orphaned' };
  return projectionAt(index, range, from, to, basis);
}

/** The projection of a passage found between two points of today's draft: its text, paragraphs and status. */
export function projectionAt(index: DraftIndex, range: StoredRange, from: BlockPoint, to: BlockPoint, basis: ProjectionBasis, text = index.textBetween(from, to)): Projection {
  const startParagraph = index.paragraphNumber(from.block);
  const endParagraph = index.paragraphNumber(to.block);
  const samePlace =
    startParagraph === range.startParagraph && endParagraph === range.endParagraph && from.offset === range.startOffset && to.offset === range.endOffset;
  const status = text !== range.quote.exact ? 'CHANGED' : samePlace ? 'EXACT' : 'MOVED';
  return { status, basis, from, to, text, startParagraph, endParagraph };
}
