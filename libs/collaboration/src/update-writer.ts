import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { UpdateLogRepository } from '@intersessional/documents';

interface Pending {
  documentId: string;
  authorId: string | null;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How long updates wait to share a commit; bounds the latency a write adds. */
const GROUP_WINDOW_MS = 4;
const MAX_BATCH = 500;

/**
 * Group commit for the update log: updates from every document arriving within a few milliseconds are
 * written in one INSERT (one transaction), and each caller's promise resolves only once that commit
 * is durable. The sync server broadcasts an update only after its promise resolves (write-ahead).
 */
@Injectable()
export class UpdateWriter implements OnApplicationShutdown {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly log: UpdateLogRepository) {}

  write(documentId: string, authorId: string | null, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ documentId, authorId, update, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.schedule(0);
      else this.schedule(GROUP_WINDOW_MS);
    });
  }

  private schedule(delay: number) {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // batches commit one after another, so the log keeps arrival order
      this.flushing = this.flushing.then(() => this.flush());
    }, delay);
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (!batch.length) return;
    try {
      await this.log.appendMany(batch.map(({ documentId, authorId, update }) => ({ documentId, authorId, update })));
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
    if (this.queue.length) this.schedule(0);
  }

  /** Waits until everything queued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.queue.length || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.flushing = this.flushing.then(() => this.flush());
      }
      await this.flushing;
    }
    await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}
