import { Injectable } from '@nestjs/common';

export type StoredUpdateListener = (documentId: string, update: Uint8Array) => void;
export type LogGrewListener = (documentId: string) => void;

/**
 * Tells whoever holds a document open (the sync server) about updates the server itself stored, once
 * they are committed; and anyone who keeps something computed from a document (the live anchors) that
 * its update log grew, whoever wrote to it. Documents cannot depend on collaboration or consultation;
 * they subscribe here.
 */
@Injectable()
export class DocumentEvents {
  private readonly stored = new Set<StoredUpdateListener>();
  private readonly grew = new Set<LogGrewListener>();

  onStoredUpdate(listener: StoredUpdateListener): () => void {
    this.stored.add(listener);
    return () => this.stored.delete(listener);
  }

  /** Called once per committed batch (or per update): listeners must be cheap and must not throw. */
  onLogGrew(listener: LogGrewListener): () => void {
    this.grew.add(listener);
    return () => this.grew.delete(listener);
  }

  storedUpdate(documentId: string, update: Uint8Array): void {
    for (const listener of this.stored) listener(documentId, update);
    this.logGrew(documentId);
  }

  /**
   * The document's log grew: an editor's update committed here, or one committed on another instance
   * and received through the fan-out (only for documents this instance holds open).
   */
  logGrew(documentId: string): void {
    for (const listener of this.grew) listener(documentId);
  }
}
