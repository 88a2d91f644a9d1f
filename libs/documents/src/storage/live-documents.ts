/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<EventType>; changes of any kind are collected */
import { Injectable } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import { UpdateLogRepository } from './update-log.repository';

/** A document's current content, kept in memory and caught up from the log on every read. */
export interface LiveDocument {
  doc: Y.Doc;
  /** Grows whenever applied updates changed the content: a key for anything computed from `doc`. */
  state: number;
  /**
   * The Yjs types that changed since the caller last took them (`takeChanges`): lets a cache keep
   * what the changes did not touch.
   */
  takeChanges(): Set<Y.AbstractType<Y.YEvent<any>>>;
}

interface Entry extends LiveDocument {
  lastUpdateId: string;
  /** The snapshot row's version when it was last merged in ('' before any). */
  snapshotVersion: string;
  /** Whether a transaction since the last catch-up changed the content (re-applied updates do not). */
  dirty: boolean;
  changes: Set<Y.AbstractType<Y.YEvent<any>>>;
  /** Catch-ups and readers of one document run one after the other. */
  queue: Promise<unknown>;
}

/** Documents kept; a 60-page draft with its history is a few megabytes. */
const KEPT = 8;
/** Updates applied between two yields to the event loop, so a long history never blocks other requests. */
const UPDATES_PER_SLICE = 200;

/**
 * Today's content of the documents that are being read (the comment answer board projects every
 * comment onto it), without re-reading the whole log per request: each read costs one indexed query
 * for the rows appended since, which is also what keeps several instances in step (every instance
 * reads the same log). After a compaction folded rows this copy had not seen, the snapshot is merged
 * in (Yjs updates are idempotent). Read-only: edits go through DocumentStore.edit.
 */
@Injectable()
export class LiveDocuments {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly log: UpdateLogRepository) {}

  /**
   * Catches the document up with the log, then runs `reader` on it. Catch-ups and readers of one
   * document run one after the other, so a reader that yields to the event loop (to keep it free)
   * never sees the document change under it.
   */
  async read<T>(documentId: string, reader: (live: LiveDocument) => T | Promise<T>): Promise<T> {
    let entry = this.entries.get(documentId);
    if (entry) this.entries.delete(documentId); // most recently used last
    else entry = this.create();
    this.entries.set(documentId, entry);
    while (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value as string);
    const e = entry;
    const result = e.queue.then(async () => {
      await this.catchUp(documentId, e);
      return reader(e);
    });
    e.queue = result.catch(() => undefined);
    return result;
  }

  private create(): Entry {
    const doc = new Y.Doc({ gc: true });
    const entry: Entry = {
      doc,
      state: 0,
      lastUpdateId: '0',
      snapshotVersion: '',
      dirty: false,
      changes: new Set(),
      queue: Promise.resolve(),
      takeChanges: () => {
        const taken = entry.changes;
        entry.changes = new Set();
        return taken;
      },
    };
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) entry.changes.add(type);
      if (transaction.changed.size || transaction.deleteSet.clients.size) entry.dirty = true;
    });
    return entry;
  }

  private async catchUp(documentId: string, entry: Entry): Promise<void> {
    const { snapshotMark: mark, snapshotVersion: version, rows } = await this.log.updatesSince(documentId, entry.lastUpdateId);
    entry.dirty = false;
    if (version && version !== entry.snapshotVersion) {
      // a compaction ran: rows this copy had not seen may be in the snapshot now, among them a row with
      // an id below lastUpdateId that another instance committed late (the `id >` read never sees it)
      const snapshot = await this.log.snapshot(documentId);
      if (snapshot) Y.applyUpdate(entry.doc, snapshot.state);
      entry.snapshotVersion = version;
    }
    for (let i = 0; i < rows.length; i += UPDATES_PER_SLICE) {
      if (i) await yieldToEventLoop();
      entry.doc.transact(() => {
        for (const row of rows.slice(i, i + UPDATES_PER_SLICE)) Y.applyUpdate(entry.doc, row.update);
      });
    }
    if (rows.length) entry.lastUpdateId = rows[rows.length - 1].id;
    else if (BigInt(mark) > BigInt(entry.lastUpdateId)) entry.lastUpdateId = mark;
    // a snapshot that folded only rows already applied (a compaction), or an update already held,
    // changes nothing: what was computed for this state stays valid
    if (entry.dirty) entry.state += 1;
  }
}
