import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { Database } from '@intersessional/database';
import { COMPACT_THRESHOLD, Compactor } from './compactor';
import { DocumentEvents } from './document-events';
import { UpdateLogRepository } from './update-log.repository';

/** A document as stored: its content, and the version of the snapshot it was built from ('' without one). */
export interface OpenedDocument {
  doc: Y.Doc;
  snapshotVersion: string;
  /** Log rows applied on top of the snapshot. */
  logRows: number;
  /** The snapshot's size plus the rows': what was read. */
  storedBytes: number;
}

/**
 * Loads and changes document content through the update log. Edits made by the server (import, and
 * later version restore and accepted suggestions) are Yjs updates appended to the same log that the
 * sync server writes, so there is one history and one path for every change.
 */
@Injectable()
export class DocumentStore {
  constructor(
    private readonly log: UpdateLogRepository,
    private readonly db: Database,
    private readonly events: DocumentEvents,
    private readonly compactor: Compactor,
  ) {}

  /**
   * The snapshot and every row still in the log (not only those after the snapshot's mark: with several
   * instances a row with a lower id can commit after a compaction folded higher ones; Yjs ignores what
   * it holds), applied into a fresh Y.Doc, with the snapshot's version for a later live fold. A long
   * log is handed to the compactor unless the caller folds it itself (`compactLater: false`).
   */
  async open(documentId: string, { compactLater = true } = {}): Promise<OpenedDocument> {
    const doc = new Y.Doc({ gc: true });
    const { state, version, updates } = await this.log.stored(documentId);
    if (state) Y.applyUpdate(doc, state);
    // Applying into a doc (rather than Y.mergeUpdates over many small updates) avoids its known
    // super-linear cases; one transaction for all of them is a third faster than one each.
    doc.transact(() => updates.forEach((update) => Y.applyUpdate(doc, update)));
    if (compactLater && updates.length > COMPACT_THRESHOLD) this.compactor.soon(documentId);
    const storedBytes = updates.reduce((sum, update) => sum + update.byteLength, state?.byteLength ?? 0);
    return { doc, snapshotVersion: version, logRows: updates.length, storedBytes };
  }

  /** The document's content: the snapshot plus the log after it, applied into a fresh Y.Doc. */
  async load(documentId: string): Promise<Y.Doc> {
    return (await this.open(documentId)).doc;
  }

  /**
   * Runs `edit` on the current content and appends the resulting update, if any, to the log. Once that
   * commits, connected editors receive it live through the sync server (write-ahead, like theirs).
   */
  async edit(documentId: string, authorId: string | null, edit: (doc: Y.Doc) => void): Promise<Uint8Array | null> {
    const doc = await this.load(documentId);
    const before = Y.encodeStateVector(doc);
    edit(doc);
    const update = Y.encodeStateAsUpdate(doc, before);
    if (update.byteLength <= 2) return null; // an empty update: nothing changed
    await this.log.append(documentId, update, authorId);
    this.db.afterCommit(() => this.events.storedUpdate(documentId, update));
    return update;
  }
}
