import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import * as Y from 'yjs';
import { Database } from '@intersessional/database';
import { Metrics } from '@intersessional/metrics';
import { heldBy } from './containment';
import { UpdateLogRepository } from './update-log.repository';

/** A document is compacted once its log holds more rows than this. */
export const COMPACT_THRESHOLD = 200;
/** Rows folded per pass: bounds the memory and the transaction of one pass. */
export const COMPACT_BATCH = 2000;
/** Rows one live fold reads at most: the oldest, as many as a long burst leaves. */
const LIVE_FOLD_BATCH = 20_000;
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
  private readonly liveFolds;

  constructor(
    private readonly db: Database,
    private readonly log: UpdateLogRepository,
    metrics: Metrics,
  ) {
    this.runs = metrics.histogram('compaction_seconds', 'Time to compact one document completely', [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
    this.folded = metrics.counter('compaction_rows_folded_total', 'Update log rows folded into snapshots');
    this.liveFolds = metrics.histogram('compaction_live_fold_seconds', 'Time to fold a log into a snapshot from a document open in memory', [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
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

  /**
   * Folds the log rows that `doc` (a document open in memory) already holds into a snapshot encoded
   * from it: no snapshot to decode and no rows to apply, unlike a compaction pass, so an open document
   * can keep its log short while it is edited and when it unloads. `doc` must hold committed content
   * only (the sync server applies an update once it is stored) and must have been built from the
   * snapshot of version `knownVersion` (or a later fold of its own): if another fold replaced the
   * snapshot since, that snapshot is merged in, so rows it folded and `doc` lacks are kept. Rows `doc`
   * does not hold yet (committed late by another instance) stay in the log. Returns the snapshot's new
   * version, the rows folded and the snapshot's size, or null when there was nothing to fold.
   */
  async foldLive(documentId: string, doc: Y.Doc, knownVersion: string): Promise<{ version: string; folded: number; stateBytes: number } | null> {
    const end = this.liveFolds.startTimer();
    let [version, folded, stateBytes] = [knownVersion, 0, 0];
    // pass by pass (a log left long, by a crash or an older release, is read LIVE_FOLD_BATCH rows at a
    // time), each in a transaction of its own; rows not held are passed over, not read again
    for (let after = '0'; ; ) {
      const pass = await this.db.transaction(async () => {
        await this.log.lockForCompaction(documentId);
        const rows = await this.log.oldest(documentId, LIVE_FOLD_BATCH, after);
        const current = await this.log.snapshotVersion(documentId);
        const other = current && current !== version ? await this.log.snapshot(documentId) : null;
        // from here to the encoding nothing awaits: the doc cannot change between the test and the snapshot
        const held = heldBy(doc);
        const ids = rows.filter((row) => held(row.update)).map((row) => row.id);
        const [last, full] = [rows.at(-1)?.id ?? after, rows.length === LIVE_FOLD_BATCH];
        if (!ids.length) return { last, full, written: null };
        const own = Y.encodeStateAsUpdate(doc);
        const state = other ? Y.mergeUpdates([other.state, own]) : own;
        return { last, full, written: { version: await this.log.foldIntoSnapshot(documentId, state, ids), folded: ids.length, stateBytes: state.byteLength } };
      });
      if (pass.written) {
        this.folded.inc(pass.written.folded);
        [version, folded, stateBytes] = [pass.written.version, folded + pass.written.folded, pass.written.stateBytes];
      }
      if (!pass.full) break;
      after = pass.last;
    }
    end();
    return folded ? { version, folded, stateBytes } : null;
  }
}
