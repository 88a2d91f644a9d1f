import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { UpdateLogRepository } from '@intersessional/documents';

interface Pending {
  documentId: string;
  authorId: string | null;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most updates one INSERT carries; more wait for the next commit. */
const MAX_BATCH = 500;

/** Resolves after the I/O callbacks of this turn of the event loop (frames already read) have run. */
const afterThisTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Group commit for the update log, with no fixed wait: the first update starts a commit at once (joined
 * by whatever the sockets delivered in the same turn of the event loop), and updates that arrive while
 * a commit runs share the next one, which starts as soon as it ends. Under load the batches grow by
 * themselves; when quiet an update waits for nothing but its own commit. Every document's updates go
 * into one INSERT (one transaction), batches commit one after another so the log keeps arrival order,
 * and each caller's promise resolves only once its commit is durable: the sync server broadcasts an
 * update only then (write-ahead). Written by hand: this is the write-ahead rule itself.
 */
@Injectable()
export class UpdateWriter implements OnApplicationShutdown {
  private queue: Pending[] = [];
  /** The commits under way, one after another, while anything is queued; null when idle. */
  private running: Promise<void> | null = null;
  private readonly batchSizes: number[] = [];

  constructor(private readonly log: UpdateLogRepository) {}

  write(documentId: string, authorId: string | null, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ documentId, authorId, update, resolve, reject });
      this.running ??= this.commitWhileQueued();
    });
  }

  private async commitWhileQueued(): Promise<void> {
    try {
      await afterThisTurn();
      while (this.queue.length) await this.commit(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = null;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    this.batchSizes.push(batch.length);
    if (this.batchSizes.length > 1000) this.batchSizes.splice(0, 500);
    try {
      await this.log.appendMany(batch.map(({ documentId, authorId, update }) => ({ documentId, authorId, update })));
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }

  /** Sizes of the latest batches (up to 1,000), oldest first: for tests and metrics. */
  get recentBatchSizes(): readonly number[] {
    return this.batchSizes;
  }

  /** Waits until everything queued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}
