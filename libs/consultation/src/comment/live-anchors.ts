/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<EventType>; changes of any kind are collected */
import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import { DraftIndex, type Projection, type StoredRange, TEXTBLOCKS, projectRange, projectionAt } from '@intersessional/document-schema';
import { type LiveDocument, LiveDocuments } from '@intersessional/documents';

/** A projection kept across document states: where Yjs tracked it, by block element and offset. */
interface Kept {
  projection: Projection;
  from?: { element: Y.XmlElement; offset: number };
  to?: { element: Y.XmlElement; offset: number };
}

interface Projections {
  /** The LiveDocument state these were computed in. */
  state: number;
  index: DraftIndex;
  kept: Map<string, Kept>;
}

/** Work done between two yields to the event loop. */
const SLICE_MS = 4;

/**
 * Every comment's passage in today's draft, for the answer board (a page of 50 at a time, all 2,000 for
 * the synthesis). Built on LiveDocuments (the draft caught up from the log, not re-read) and a
 * DraftIndex built once per document state. Projections are kept per document state: when edits
 * arrive, only those whose blocks the edits touched, and those that were found by their quote or
 * orphaned (they depend on the whole text), are computed again. Long batches yield to the event loop
 * every few milliseconds. The cache is this instance's: every instance reads the same log, so all
 * agree.
 */
@Injectable()
export class LiveAnchors {
  private readonly documents = new Map<string, Projections>();

  constructor(private readonly live: LiveDocuments) {}

  /** Projections of `comments` (id and stored range) onto today's draft of `documentId`, in order. */
  project(documentId: string, comments: { id: string; range: StoredRange }[]): Promise<Projection[]> {
    return this.live.read(documentId, async (live) => {
      const projections = this.projectionsOf(documentId, live);
      const results: Projection[] = [];
      let slice = performance.now();
      for (const comment of comments) {
        results.push(this.projectOne(projections, comment.id, comment.range));
        if (performance.now() - slice > SLICE_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
      }
      return results;
    });
  }

  private projectionsOf(documentId: string, live: LiveDocument): Projections {
    let current = this.documents.get(documentId);
    if (current && current.index.doc !== live.doc) current = undefined; // LiveDocuments let it go and read it afresh
    if (current && current.state === live.state) return current;
    const changes = changedBlocks(live.takeChanges());
    const index = DraftIndex.of(live.doc, current && { index: current.index, touched: changes.touched });
    const kept = current ? keepUntouched(current.kept, index, changes) : new Map<string, Kept>();
    const next = { state: live.state, index, kept };
    this.documents.delete(documentId);
    this.documents.set(documentId, next);
    while (this.documents.size > 8) this.documents.delete(this.documents.keys().next().value as string);
    return next;
  }

  private projectOne(projections: Projections, id: string, range: StoredRange): Projection {
    const { index } = projections;
    const kept = projections.kept.get(id);
    if (kept?.from && kept.to) {
      const fromBlock = index.blockOf(kept.from.element);
      const toBlock = index.blockOf(kept.to.element);
      if (fromBlock !== undefined && toBlock !== undefined) {
        return projectionAt(index, range, { block: fromBlock, offset: kept.from.offset }, { block: toBlock, offset: kept.to.offset }, 'tracked', kept.projection.text);
      }
    }
    if (kept) return kept.projection;
    const projection = projectRange(index, range);
    projections.kept.set(id, keepable(index, projection));
    return projection;
  }
}

/**
 * A copy of a passage's text that does not hold on to the whole draft: V8 makes a slice of a long
 * string a view into it, so a kept projection would keep every earlier state's flat text alive.
 */
const detached = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text, 'utf16le').toString('utf16le'));

function keepable(index: DraftIndex, projection: Projection): Kept {
  projection = { ...projection, text: detached(projection.text) };
  if (projection.basis !== 'tracked' || !projection.from || !projection.to) return { projection };
  return {
    projection,
    from: { element: index.blocks[projection.from.block].element, offset: projection.from.offset },
    to: { element: index.blocks[projection.to.block].element, offset: projection.to.offset },
  };
}

/** The textblock a changed type belongs to, or null for a change to the structure around blocks. */
function textblockOf(type: Y.AbstractType<any>): Y.XmlElement | null {
  for (let t: Y.AbstractType<any> | null = type; t; t = t.parent as Y.AbstractType<any> | null) {
    if (t instanceof Y.XmlElement && TEXTBLOCKS.has(t.nodeName)) return t;
  }
  return null;
}

/** The textblocks that changed types belong to, and whether blocks were added or removed too. */
function changedBlocks(changes: Set<Y.AbstractType<any>>): { touched: Set<Y.XmlElement>; structural: boolean } {
  const touched = new Set<Y.XmlElement>();
  let structural = false;
  for (const type of changes) {
    const block = textblockOf(type);
    if (block) touched.add(block);
    else structural = true;
  }
  return { touched, structural };
}

/**
 * After edits: keeps the tracked projections whose blocks no edit touched (their text and offsets
 * cannot have changed); drops those found by quote or orphaned, and those over several blocks when
 * blocks were added or removed anywhere.
 */
function keepUntouched(previous: Map<string, Kept>, index: DraftIndex, { touched, structural }: { touched: Set<Y.XmlElement>; structural: boolean }): Map<string, Kept> {
  const kept = new Map<string, Kept>();
  for (const [id, entry] of previous) {
    if (!entry.from || !entry.to) continue;
    if (touched.has(entry.from.element) || touched.has(entry.to.element)) continue;
    const fromBlock = index.blockOf(entry.from.element);
    const toBlock = index.blockOf(entry.to.element);
    if (fromBlock === undefined || toBlock === undefined || index.blocks[fromBlock].element !== entry.from.element || index.blocks[toBlock].element !== entry.to.element) continue;
    if (fromBlock !== toBlock) {
      if (structural) continue;
      let between = false;
      for (let b = fromBlock; b <= toBlock && !between; b += 1) between = touched.has(index.blocks[b].element);
      if (between) continue;
    }
    kept.set(id, entry);
  }
  return kept;
}
