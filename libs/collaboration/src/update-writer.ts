import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { UpdateLogRepository } from '@intersessional/documents';
import { Metrics } from '@intersessional/metrics';

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
  private readonly sizes;
  private readonly commits;

  constructor(
    private readonly log: UpdateLogRepository,
    metrics: Metrics,
  ) {
    this.sizes = metrics.histogram('collab_commit_batch_updates', 'Updates per group commit of the update log', [1, 2, 4, 8, 16, 32, 64, 128, 256, 500]);
    this.commits = metrics.histogram('collab_commit_seconds', 'Duration of one group commit of the update log', [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]);
  }

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
    this.sizes.observe(batch.length);
    const end = this.commits.startTimer();
    try {
      await this.log.appendMany(batch.map(({ documentId, authorId, update }) => ({ documentId, authorId, update })));
      end();
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }

  /** Waits until everything queued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}
