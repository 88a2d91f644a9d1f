/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<EventType>; changes of any kind are collected */
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import { DraftIndex, type Projection, type StoredRange, TEXTBLOCKS, projectRange, projectionAt } from '@intersessional/document-schema';
import { DocumentEvents, type LiveDocument, LiveDocuments } from '@intersessional/documents';

/** A projection kept across document states: where Yjs tracked it, by block element and offset. */
interface Kept {
  /** The stored range it was computed for (an applied suggestion gives its comment a new one). */
  key: string;
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

/** The comments whose passages were asked for on a document: what the background refresh projects. */
interface Board {
  ranges: Map<string, StoredRange>;
  readAt: number;
  /** Set while edits wait for a pause before the refresh. */
  firstGrewAt: number | null;
  lastGrewAt: number;
  timer: NodeJS.Timeout | null;
  refreshing: Promise<void> | null;
  /** Who waits for the refresh to be done (tests, the bench's hook, shutdown). */
  waiters: (() => void)[];
}

/** Work done between two yields to the event loop. */
const SLICE_MS = 4;
/** Documents whose draft and projections are kept (LiveDocuments keeps as many drafts). */
const KEPT = 8;
/** The background refresh runs once editing has paused this long… */
export const REFRESH_QUIET_MS = 1500;
/** …or this long after the first edit it has not seen, when editing never pauses. */
const REFRESH_AT_LATEST_MS = 15_000;
/** Boards not read for this long are no longer refreshed in the background. */
const REFRESH_FOR_MS = 60 * 60_000;

/**
 * Every comment's passage in today's draft, for the answer board (a page of 50 at a time, all 2,000 for
 * the synthesis). Built on LiveDocuments (the draft caught up from the log, not re-read) and a
 * DraftIndex built once per document state. Projections are kept per document state: when edits
 * arrive, only those whose blocks the edits touched, and those that were found by their quote or
 * orphaned (they depend on the whole text), are computed again. Long batches yield to the event loop
 * every few milliseconds. The cache is this instance's: every instance reads the same log, so all
 * agree.
 *
 * Boards read in the last hour are also kept up to date in the background: once editing pauses (or
 * every REFRESH_AT_LATEST_MS while it goes on), the draft is caught up and the comments last asked for
 * are projected again, so the facilitator who opens the board after the drafting session finds the
 * work done. This instance hears of edits committed here, and of those committed elsewhere for
 * documents it holds open (through the fan-out); a board read after edits it did not hear of computes
 * what changed then, as before.
 */
@Injectable()
export class LiveAnchors implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveAnchors');
  private readonly documents = new Map<string, Projections>();
  private readonly boards = new Map<string, Board>();
  private readonly unsubscribe: () => void;
  private projectedCount = 0;

  constructor(
    private readonly live: LiveDocuments,
    events: DocumentEvents,
  ) {
    this.unsubscribe = events.onLogGrew((documentId) => this.grew(documentId));
  }

  /** How many passages were projected afresh (not taken from the cache) since start. */
  get projected(): number {
    return this.projectedCount;
  }

  /** Projections of `comments` (id and stored range) onto today's draft of `documentId`, in order. */
  project(documentId: string, comments: { id: string; range: StoredRange }[]): Promise<Projection[]> {
    const board = this.boardOf(documentId);
    board.readAt = Date.now();
    for (const comment of comments) board.ranges.set(comment.id, comment.range);
    return this.projectNow(documentId, comments);
  }

  /** Resolves once no background refresh of `documentId` is waiting or running. */
  settled(documentId: string): Promise<void> {
    const board = this.boards.get(documentId);
    if (!board || (!board.timer && !board.refreshing)) return Promise.resolve();
    return new Promise((resolve) => board.waiters.push(resolve));
  }

  onApplicationShutdown(): void {
    this.unsubscribe();
    for (const board of this.boards.values()) this.drop(board);
    this.boards.clear();
  }

  private drop(board: Board): void {
    if (board.timer) clearTimeout(board.timer);
    board.timer = null;
    for (const resolve of board.waiters.splice(0)) resolve();
  }

  private boardOf(documentId: string): Board {
    let board = this.boards.get(documentId);
    if (board) this.boards.delete(documentId); // most recently read last
    else board = { ranges: new Map(), readAt: 0, firstGrewAt: null, lastGrewAt: 0, timer: null, refreshing: null, waiters: [] };
    this.boards.set(documentId, board);
    while (this.boards.size > KEPT) {
      const [oldest, dropped] = this.boards.entries().next().value as [string, Board];
      this.drop(dropped);
      this.boards.delete(oldest);
    }
    return board;
  }

  /** An edit was committed: schedule a refresh for when editing pauses (cheap: called per update). */
  private grew(documentId: string): void {
    const board = this.boards.get(documentId);
    if (!board || Date.now() - board.readAt > REFRESH_FOR_MS) return;
    board.lastGrewAt = Date.now();
    board.firstGrewAt ??= board.lastGrewAt;
    if (!board.timer) this.arm(documentId, board, REFRESH_QUIET_MS);
  }

  private arm(documentId: string, board: Board, delay: number): void {
    board.timer = setTimeout(() => {
      board.timer = null;
      const due = Math.min(board.lastGrewAt + REFRESH_QUIET_MS, (board.firstGrewAt ?? 0) + REFRESH_AT_LATEST_MS);
      if (Date.now() < due) return this.arm(documentId, board, due - Date.now());
      if (board.refreshing) return this.arm(documentId, board, REFRESH_QUIET_MS); // one refresh at a time
      board.firstGrewAt = null;
      const comments = [...board.ranges].map(([id, range]) => ({ id, range }));
      board.refreshing = this.projectNow(documentId, comments).then(
        () => undefined,
        (error: unknown) => this.logger.warn(`could not refresh the live anchors of ${documentId}: ${String(error)}`),
      ).finally(() => {
        board.refreshing = null;
        if (!board.timer) for (const resolve of board.waiters.splice(0)) resolve();
      });
    }, delay);
    board.timer.unref();
  }

  private projectNow(documentId: string, comments: { id: string; range: StoredRange }[]): Promise<Projection[]> {
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
    while (this.documents.size > KEPT) this.documents.delete(this.documents.keys().next().value as string);
    return next;
  }

  private projectOne(projections: Projections, id: string, range: StoredRange): Projection {
    const { index } = projections;
    const key = rangeKey(range);
    const kept = projections.kept.get(id);
    if (kept?.key === key) {
      if (kept.from && kept.to) {
        const fromBlock = index.blockOf(kept.from.element);
        const toBlock = index.blockOf(kept.to.element);
        if (fromBlock !== undefined && toBlock !== undefined) {
          return projectionAt(index, range, { block: fromBlock, offset: kept.from.offset }, { block: toBlock, offset: kept.to.offset }, 'tracked', kept.projection.text);
        }
      }
      return kept.projection;
    }
    const projection = projectRange(index, range);
    this.projectedCount += 1;
    projections.kept.set(id, keepable(key, index, projection));
    return projection;
  }
}

/** Identifies a stored range: its Yjs positions (new ones after an applied suggestion) and its quote's length. */
function rangeKey(range: StoredRange): string {
  return `${Buffer.from(range.start.buffer, range.start.byteOffset, range.start.byteLength).toString('base64')}/${Buffer.from(range.end.buffer, range.end.byteOffset, range.end.byteLength).toString('base64')}/${range.quote.exact.length}`;
}

/**
 * A copy of a passage's text that does not hold on to the whole draft: V8 makes a slice of a long
 * string a view into it, so a kept projection would keep every earlier state's flat text alive.
 */
const detached = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text, 'utf16le').toString('utf16le'));

function keepable(key: string, index: DraftIndex, projection: Projection): Kept {
  projection = { ...projection, text: detached(projection.text) };
  if (projection.basis !== 'tracked' || !projection.from || !projection.to) return { key, projection };
  return {
    key,
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
