import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@intersessional/config';
import { Clock, Database } from '@intersessional/database';
import { toHex } from '@intersessional/record';
import { type HeadRow, RecordRepository } from './record.repository';
import { RecordSigner } from './record-signer';
import { TreeCache } from './tree-cache';

/**
 * When tree heads are signed. A head is signed for a tree size at most once, by whichever instance
 * comes first (the others find it stored); so instances need no coordination, Redis or not.
 *
 * - After changes, batched: an append asks for a head RECORD_HEAD_DELAY_MS after it commits; every
 *   append in that window shares one head (the timer signs the size it finds then).
 * - At once for what must be under a head of its own (the period closing, the synthesis published):
 *   the head of exactly the size that ends with that entry, signed as soon as it commits.
 * - On read: a receipt, the period's current head and the archive sign the current size when no head
 *   covers it yet, so they are complete at once instead of after the delay.
 * - At start-up, for logs an instance left unsigned (it stopped before its timer fired); at shutdown,
 *   for the timers still waiting.
 */
@Injectable()
export class RecordHeads implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Record');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly delayMs: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly rows: RecordRepository,
    private readonly trees: TreeCache,
    private readonly signer: RecordSigner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.delayMs = config.RECORD_HEAD_DELAY_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.signer.register();
    this.track(
      (async () => {
        for (const logId of await this.rows.logsAhead()) await this.sign(logId);
      })(),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * The signed head of `treeSize` entries (default: every committed entry), signing it if no instance
   * has yet; null for an empty log. Outside transactions only: it reads committed entries.
   */
  async sign(logId: string, treeSize?: number): Promise<HeadRow | null> {
    const size = treeSize ?? (await this.rows.size(logId));
    if (size === 0) return null;
    const existing = await this.rows.head(logId, size);
    if (existing) return existing;
    const tree = await this.trees.tree(logId, size);
    await this.signer.register();
    const head = { logId, treeSize: size, rootHash: toHex(tree.root(size)), timestamp: this.clock.now().getTime(), keyId: this.signer.keyId };
    const signature = this.signer.sign(head);
    return this.rows.insertHead({ logId, treeSize: size, rootHash: Buffer.from(tree.root(size)), signedAt: head.timestamp, keyId: head.keyId, signature: Buffer.from(signature, 'hex') });
  }

  /**
   * The newest head, first signing one for the current size when the log has grown past it: what a
   * reader is shown always covers every committed entry.
   */
  async current(logId: string): Promise<HeadRow | null> {
    const [latest, size] = await Promise.all([this.rows.latestHead(logId), this.rows.size(logId)]);
    if (latest && latest.treeSize >= size) return latest;
    return this.sign(logId, size);
  }

  /** After an append commits: sign its size at once, or the log's size after the delay. */
  afterAppend(logId: string, treeSize: number, atOnce: boolean): void {
    if (atOnce) {
      this.track(this.sign(logId, treeSize));
      return;
    }
    if (this.timers.has(logId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(logId);
      this.track(this.sign(logId));
    }, this.delayMs);
    timer.unref();
    this.timers.set(logId, timer);
  }

  /** Signs what is waiting now and resolves when every signing under way is done (tests, shutdown). */
  async flush(): Promise<void> {
    for (const [logId, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(logId);
      this.track(this.sign(logId));
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error(`could not sign a tree head: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** For the append path: register the follow-up once the caller's transaction commits. */
  whenCommitted(logId: string, treeSize: number, atOnce: boolean): void {
    this.db.afterCommit(() => this.afterAppend(logId, treeSize, atOnce));
  }
}
