import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import * as Y from 'yjs';
import { Database } from '@intersessional/database';
import { Metrics } from '@intersessional/metrics';
import { UpdateLogRepository } from './update-log.repository';

/** A document is compacted once its log holds more rows than this. */
export const COMPACT_THRESHOLD = 200;
/** Rows folded per pass: bounds the memory and the transaction of one pass. */
export const COMPACT_BATCH = 2000;
const INTERVAL_MS = 30_000;

/**
 * Folds a document's update log into its snapshot in the background. Each pass applies the snapshot and
 * at most COMPACT_BATCH of the oldest rows into a Y.Doc, writes the new snapshot with the last row id it
 * contains and deletes those rows, in one transaction; rows appended meanwhile stay in the log.
 * Loading (snapshot + remaining log) gives the same document before and after.
 */
@Injectable()
export class Compactor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Compactor');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private readonly runs;
  private readonly folded;
  private readonly backlog;

  constructor(
    private readonly db: Database,
    private readonly log: UpdateLogRepository,
    metrics: Metrics,
  ) {
    this.runs = metrics.histogram('compaction_seconds', 'Time to compact one document completely', [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    this.folded = metrics.counter('compaction_rows_folded_total', 'Update log rows folded into snapshots');
    this.backlog = metrics.gauge('compaction_backlog_documents', 'Documents over the compaction threshold at the last pass (at most 20 are taken per pass)');
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(async () => {
          await this.compactDue();
        })
        .catch((error: unknown) => this.logger.warn(`compaction: ${String(error)}`));
    }, INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Compacts `documentId` after whatever pass is running: a load that had to replay a long log asks for
   * this, so the next one (another instance, or after the room unloads) reads a snapshot instead of
   * waiting for the next interval. Asking again while one is queued adds nothing.
   */
  soon(documentId: string): void {
    if (this.queued.has(documentId)) return;
    this.queued.add(documentId);
    this.running = this.running
      .then(async () => {
        this.queued.delete(documentId);
        const end = this.runs.startTimer();
        this.folded.inc(await this.compact(documentId));
        end();
      })
      .catch((error: unknown) => this.logger.warn(`compaction of ${documentId}: ${String(error)}`));
  }

  /** Resolves once the compaction running or queued now is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.running;
  }

  async compactDue(): Promise<number> {
    let compacted = 0;
    const due = await this.log.documentsToCompact(COMPACT_THRESHOLD, 20);
    this.backlog.set(due.length);
    for (const documentId of due) {
      const end = this.runs.startTimer();
      this.folded.inc(await this.compact(documentId));
      end();
      compacted += 1;
    }
    return compacted;
  }

  /** Compacts one document completely, pass by pass. Returns the number of log rows folded. */
  async compact(documentId: string): Promise<number> {
    let folded = 0;
    for (;;) {
      const rows = await this.db.transaction(async () => {
        await this.log.lockForCompaction(documentId);
        const batch = await this.log.oldest(documentId, COMPACT_BATCH);
        const last = batch.at(-1);
        if (!last) return 0;
        const doc = new Y.Doc({ gc: true });
        const snapshot = await this.log.snapshot(documentId);
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        doc.transact(() => batch.forEach((row) => Y.applyUpdate(doc, row.update))); // one transaction: a third faster
        await this.log.foldIntoSnapshot(documentId, Y.encodeStateAsUpdate(doc), batch.map((row) => row.id));
        doc.destroy();
        return batch.length;
      });
      folded += rows;
      if (rows < COMPACT_BATCH) return folded;
    }
  }
}
