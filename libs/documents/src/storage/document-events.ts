import { Injectable } from '@nestjs/common';

export type StoredUpdateListener = (documentId: string, update: Uint8Array) => void;

/**
 * Tells whoever holds a document open (the sync server) about updates the server itself stored, once
 * they are committed. Documents cannot depend on collaboration; collaboration subscribes here.
 */
@Injectable()
export class DocumentEvents {
  private readonly listeners = new Set<StoredUpdateListener>();

  onStoredUpdate(listener: StoredUpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  storedUpdate(documentId: string, update: Uint8Array): void {
    for (const listener of this.listeners) listener(documentId, update);
  }
}
