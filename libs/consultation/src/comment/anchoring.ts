import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { DraftIndex, type StoredRange, type TextBlock, encodeRelativePosition, quoteOf, relativePosition } from '@intersessional/document-schema';
import { VersionService } from '@intersessional/documents';
import { badInput } from '@intersessional/graphql';
import { AnchorKind, type CommentEntity } from './comment.entity';

/** A point as a commenter's client gives it: a paragraph number or a block id, and an offset in its text. */
export interface PointInput {
  paragraph?: number | null;
  blockId?: string | null;
  offset: number;
}

export interface AnchorInput {
  kind: AnchorKind;
  start?: PointInput | null;
  end?: PointInput | null;
  fromParagraph?: number | null;
  toParagraph?: number | null;
}

/** The anchor columns of a comment, and the paragraph numbers it is listed under (0: the whole document). */
export interface BuiltAnchor {
  columns: Pick<
    CommentEntity,
    | 'anchorKind'
    | 'startBlockId'
    | 'startOffset'
    | 'endBlockId'
    | 'endOffset'
    | 'startParagraph'
    | 'endParagraph'
    | 'flatStart'
    | 'quoteExact'
    | 'quotePrefix'
    | 'quoteSuffix'
    | 'relStart'
    | 'relEnd'
  >;
  paragraphs: number[];
}

interface VersionText {
  index: DraftIndex;
  /** The version's Yjs state vector: text it already had cannot be a commented passage moved since. */
  state: Map<number, number>;
}

const NO_ANCHOR: BuiltAnchor['columns'] = {
  anchorKind: AnchorKind.DOCUMENT,
  startBlockId: null,
  startOffset: null,
  endBlockId: null,
  endOffset: null,
  startParagraph: null,
  endParagraph: null,
  flatStart: null,
  quoteExact: null,
  quotePrefix: null,
  quoteSuffix: null,
  relStart: null,
  relEnd: null,
};

/** Versions are immutable: their parsed text is kept for the busiest ones. */
const CACHE_SIZE = 16;

/**
 * Turns what a commenter selected in the frozen version into the three stored forms of an anchor:
 * block ids and offsets, a text quote with prefix and suffix, and Yjs relative positions (which follow
 * the passage through later edits of the live draft).
 */
@Injectable()
export class Anchoring {
  private readonly cache = new Map<string, Promise<VersionText>>();

  constructor(private readonly versions: VersionService) {}

  versionText(versionId: string): Promise<VersionText> {
    let text = this.cache.get(versionId);
    if (text) {
      this.cache.delete(versionId); // most recently used last
      this.cache.set(versionId, text);
      return text;
    }
    text = this.versions.docOf(versionId).then((doc) => {
      return { index: DraftIndex.of(doc), state: Y.decodeStateVector(Y.encodeStateVector(doc)) };
    });
    this.cache.set(versionId, text);
    text.catch(() => this.cache.delete(versionId));
    while (this.cache.size > CACHE_SIZE) {
      // dropped, not destroyed: a request that took it a moment ago may still be reading it
      this.cache.delete(this.cache.keys().next().value as string);
    }
    return text;
  }

  async build(versionId: string | null, input: AnchorInput): Promise<BuiltAnchor> {
    if (input.kind === AnchorKind.DOCUMENT || !versionId) {
      if (input.kind !== AnchorKind.DOCUMENT) throw badInput('anchor.kind', 'a call for contributions takes comments on the whole call only (DOCUMENT)');
      return { columns: NO_ANCHOR, paragraphs: [0] };
    }
    const { index } = await this.versionText(versionId);
    const { blocks } = index;
    let from: { block: number; offset: number };
    let to: { block: number; offset: number };
    if (input.kind === AnchorKind.PARAGRAPHS) {
      if (!input.fromParagraph) throw badInput('anchor.fromParagraph', 'is required for a PARAGRAPHS anchor');
      const first = this.blockOfParagraph(blocks, input.fromParagraph, 'anchor.fromParagraph');
      const last = this.blockOfParagraph(blocks, input.toParagraph ?? input.fromParagraph, 'anchor.toParagraph');
      if (last < first) throw badInput('anchor.toParagraph', 'must not be before fromParagraph');
      from = { block: first, offset: 0 };
      to = { block: last, offset: blocks[last].text.length };
    } else {
      if (!input.start || !input.end) throw badInput('anchor.start', 'a RANGE anchor needs start and end');
      from = this.point(blocks, input.start, 'anchor.start');
      to = this.point(blocks, input.end, 'anchor.end');
      if (index.flatOffset(to) <= index.flatOffset(from)) throw badInput('anchor.end', 'must come after start (a range cannot be empty)');
    }
    const start = index.flatOffset(from);
    const end = index.flatOffset(to);
    const quote = quoteOf(index.flat, start, end);
    const range: StoredRange = {
      quote,
      start: encodeRelativePosition(relativePosition(blocks, from, 0)),
      end: encodeRelativePosition(relativePosition(blocks, to, -1)),
      startParagraph: index.paragraphNumber(from.block),
      endParagraph: index.paragraphNumber(to.block),
      startOffset: from.offset,
      endOffset: to.offset,
      flatStart: start,
    };
    const numbers = blocks.slice(from.block, to.block + 1).map((b) => b.number).filter((n) => n > 0);
    return {
      columns: {
        anchorKind: input.kind,
        startBlockId: blocks[from.block].blockId,
        startOffset: from.offset,
        endBlockId: blocks[to.block].blockId,
        endOffset: to.offset,
        startParagraph: range.startParagraph,
        endParagraph: range.endParagraph,
        flatStart: start,
        quoteExact: quote.exact,
        quotePrefix: quote.prefix,
        quoteSuffix: quote.suffix,
        relStart: Buffer.from(range.start),
        relEnd: Buffer.from(range.end),
      },
      paragraphs: numbers.length ? numbers : [range.startParagraph],
    };
  }

  /** A comment's stored range, with its version's state (text the version had is never this passage moved). */
  async rangeOf(comment: CommentEntity, versionId: string | null): Promise<StoredRange | null> {
    return storedRange(comment, versionId ? (await this.versionText(versionId)).state : undefined);
  }

  private blockOfParagraph(blocks: TextBlock[], paragraph: number, field: string): number {
    const index = blocks.findIndex((b) => b.number === paragraph);
    if (index < 0) throw badInput(field, `there is no paragraph ${paragraph} in this version`);
    return index;
  }

  private point(blocks: TextBlock[], point: PointInput, field: string): { block: number; offset: number } {
    let index: number;
    if (point.blockId) {
      index = blocks.findIndex((b) => b.blockId === point.blockId);
      if (index < 0) throw badInput(`${field}.blockId`, 'is not a block of this version');
    } else if (point.paragraph) {
      index = this.blockOfParagraph(blocks, point.paragraph, `${field}.paragraph`);
    } else {
      throw badInput(field, 'give a paragraph number or a block id');
    }
    if (point.offset < 0 || point.offset > blocks[index].text.length) {
      throw badInput(`${field}.offset`, `must be between 0 and ${blocks[index].text.length}`);
    }
    return { block: index, offset: point.offset };
  }
}

/** The stored range of a comment, for projecting it onto the live draft. */
export function storedRange(c: CommentEntity, versionState?: Map<number, number>): StoredRange | null {
  if (!c.relStart || !c.relEnd || c.quoteExact === null) return null;
  return {
    quote: { exact: c.quoteExact, prefix: c.quotePrefix ?? '', suffix: c.quoteSuffix ?? '' },
    start: new Uint8Array(c.relStart),
    end: new Uint8Array(c.relEnd),
    startParagraph: c.startParagraph ?? 0,
    endParagraph: c.endParagraph ?? 0,
    startOffset: c.startOffset ?? 0,
    endOffset: c.endOffset ?? 0,
    flatStart: c.flatStart ?? 0,
    versionState,
  };
}
