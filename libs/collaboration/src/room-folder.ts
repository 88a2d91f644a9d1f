import type { Logger } from '@nestjs/common';
import type * as Y from 'yjs';
import { COMPACT_THRESHOLD, type Compactor, type OpenedDocument } from '@intersessional/documents';

/** A live fold runs once this many rows were stored since the last one, at the least… */
const MIN_ROWS = 2000;
/** …or once the rows reach the snapshot's size divided by this: a big draft is re-encoded less often. */
const BYTES_PER_ROW = 64;
/** …and at the most this many: reopening replays no more than these, plus the snapshot. */
const MAX_ROWS = 20_000;

/**
 * Keeps an open document's update log short by folding it live (Compactor.foldLive) from the room's
 * doc: every MIN_ROWS stored updates or more (more for a big draft, whose snapshot costs more to
 * encode and write), and when the room unloads. Opening a document then replays at most a few
 * thousand rows whether or not the background compactor has run, and the fold costs one encoding of
 * a doc already in memory, not a decode of the snapshot plus the rows. One fold at a time; a failed
 * fold is logged and left to the next one or to the background compactor (nothing depends on it).
 */
export class RoomFolder {
  /** Rows stored since the last fold began (from the open, at first). */
  private since: number;
  /** Rows the last fold left in the log (not held by the doc yet, or the fold failed). */
  private left = 0;
  private version: string;
  /** The size of the last snapshot written (what was read, at the open): what a fold costs to encode and write. */
  private stateBytes: number;
  private running: Promise<void> | null = null;

  constructor(
    private readonly documentId: string,
    private readonly doc: Y.Doc,
    opened: Pick<OpenedDocument, 'snapshotVersion' | 'logRows' | 'storedBytes'>,
    private readonly compactor: Compactor,
    private readonly logger: Logger,
  ) {
    this.since = opened.logRows;
    this.version = opened.snapshotVersion;
    this.stateBytes = opened.storedBytes;
  }

  /** This instance stored `rows` more rows of the document (other instances count their own). */
  grew(rows = 1): void {
    this.since += rows;
    if (this.since >= this.threshold()) void this.fold();
  }

  /**
   * Before the room unloads: folds what is left if the log is worth it (not while the server shuts
   * down: the background compactor of the next start, or of another instance, does it then), and
   * waits for any fold under way.
   */
  async unload(foldRest: boolean): Promise<void> {
    if (foldRest && this.since + this.left >= COMPACT_THRESHOLD) await this.fold();
    else await this.settled();
  }

  /** Resolves once the fold under way, if any, is done. */
  async settled(): Promise<void> {
    await this.running;
  }

  private threshold(): number {
    return Math.min(MAX_ROWS, Math.max(MIN_ROWS, Math.ceil(this.stateBytes / BYTES_PER_ROW)));
  }

  private fold(): Promise<void> {
    this.running ??= (async () => {
      // the next fold waits for another threshold of new rows, whatever this one leaves (no retry loop)
      const counted = this.since + this.left;
      this.since = 0;
      try {
        const result = await this.compactor.foldLive(this.documentId, this.doc, this.version);
        if (result) [this.version, this.stateBytes] = [result.version, result.stateBytes];
        this.left = Math.max(0, counted - (result?.folded ?? 0));
      } catch (error) {
        this.left = counted;
        this.logger.warn(`live fold of ${this.documentId}: ${String(error)}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
