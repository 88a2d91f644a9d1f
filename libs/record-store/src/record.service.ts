import { Injectable } from '@nestjs/common';
import { Clock, Database } from '@intersessional/database';
import { badInput } from '@intersessional/graphql';
import { type JsonValue, type Receipt, type RecordEntry, ENTRY_VERSION, entryLeaf, issueReceipt, newSalt, sealPart, toHex } from '@intersessional/record';
import { type EntryRow, type HeadRow, type KeyRow, RecordRepository } from './record.repository';
import { RecordHeads } from './record-heads';
import { toSignedHead } from './signed-head';
import { TreeCache } from './tree-cache';

/** What a context records: the event's kind, what it is about, its public fields and its sealed parts. */
export interface EntryDraft {
  /** `comment.submitted`, `period.closed`, … (the catalogue is in libs/record/README.md). */
  kind: string;
  /** The id of what the entry is about (a comment): receipts and archives find entries by it. */
  subject?: string | null;
  /** Public fields, as they go into the entry (`v`, `kind`, `log`, `at` and `commitments` are set here). */
  fields?: { readonly [name: string]: JsonValue };
  /** Parts sealed under salts of their own (text, byline, reason…): the entry holds only their commitments. */
  sealed?: { readonly [name: string]: JsonValue };
  /** Sign the head that ends with this entry as soon as it commits (a period closing, a publication). */
  signAtOnce?: boolean;
}

export interface AppendedEntry {
  index: number;
  leafHash: string;
}

/** A receipt as the record issues it, with the entry it is for and the salts of that entry's sealed parts. */
export interface IssuedReceipt {
  receipt: Receipt;
  entry: EntryRow;
  /** The head the receipt is issued under (its `treeHead`), as stored. */
  head: HeadRow;
}

/**
 * The record of a log (one per comment period): appending entries inside the transaction of the
 * event they record, and reading what proves them — signed heads, inclusion and consistency proofs,
 * receipts.
 */
@Injectable()
export class RecordService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly rows: RecordRepository,
    private readonly trees: TreeCache,
    private readonly heads: RecordHeads,
  ) {}

  /**
   * Appends an entry to `logId`'s record. Must run inside the transaction that makes the change it
   * records: both commit or neither does, so no crash can leave an event without its entry or an entry
   * without its event. The log stays locked until that transaction ends; call this last in it.
   */
  async append(logId: string, draft: EntryDraft): Promise<AppendedEntry> {
    const [appended] = await this.appendMany(logId, [draft]);
    return appended;
  }

  /**
   * Appends entries to `logId`'s record in their order, with one claim of indices and one insert (a
   * batch of submissions written together). The same rules as `append`.
   */
  async appendMany(logId: string, drafts: readonly EntryDraft[]): Promise<AppendedEntry[]> {
    if (!this.db.inTransaction) throw new Error('RecordService.append runs inside the transaction of the event it records');
    if (!drafts.length) return [];
    const at = this.clock.now().toISOString();
    const first = await this.rows.claimIndexes(logId, drafts.length);
    const rows = drafts.map((draft, offset) => this.entryRow(logId, draft, first + offset, at));
    await this.rows.insertEntries(logId, rows);
    this.heads.whenCommitted(logId, first + drafts.length, drafts.some((d) => d.signAtOnce ?? false));
    return rows.map((row) => ({ index: row.index, leafHash: toHex(row.leafHash) }));
  }

  private entryRow(logId: string, draft: EntryDraft, index: number, at: string): Omit<EntryRow, 'createdAt'> {
    const sealedSalts: Record<string, string> = {};
    const commitments: Record<string, string> = {};
    for (const [name, value] of Object.entries(draft.sealed ?? {})) {
      const part = sealPart(value);
      sealedSalts[name] = toHex(part.salt);
      commitments[name] = toHex(part.commitment);
    }
    const entry: RecordEntry = {
      ...draft.fields,
      v: ENTRY_VERSION,
      kind: draft.kind,
      log: logId,
      at,
      ...(draft.sealed ? { commitments } : {}),
    };
    const salt = newSalt();
    const leaf = entryLeaf(entry, salt);
    return {
      index,
      kind: draft.kind,
      subject: draft.subject ?? null,
      entry: leaf.text,
      salt: Buffer.from(salt),
      commitment: Buffer.from(leaf.commitment),
      leafHash: Buffer.from(leaf.leafHash),
      sealedSalts,
    };
  }

  size(logId: string): Promise<number> {
    return this.rows.size(logId);
  }

  /** Sizes of many logs in one query (logs without entries are absent). */
  sizes(logIds: readonly string[]): Promise<Map<string, number>> {
    return this.rows.sizes(logIds);
  }

  /** The newest signed head, signed now if the log has grown since (null while the log is empty). */
  currentHead(logId: string): Promise<HeadRow | null> {
    return this.heads.current(logId);
  }

  headAt(logId: string, treeSize: number): Promise<HeadRow | null> {
    return this.rows.head(logId, treeSize);
  }

  headPage(logId: string, options: { after?: number; before?: number; limit: number; descending?: boolean }): Promise<HeadRow[]> {
    return this.rows.heads(logId, options);
  }

  headCount(logId: string): Promise<number> {
    return this.rows.headCount(logId);
  }

  /** PATH(index, treeSize) against the signed head of that size. BAD_USER_INPUT for a size no head has, or an index outside it. */
  async inclusionProof(logId: string, index: number, treeSize: number): Promise<{ head: HeadRow; leafHash: string; path: string[] }> {
    const head = await this.signedHead(logId, treeSize, 'treeSize');
    if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) throw badInput('index', `must be an entry of the tree of ${treeSize} (0 to ${treeSize - 1})`);
    const tree = await this.trees.tree(logId, treeSize);
    return { head, leafHash: toHex(tree.leafHash(index)), path: tree.inclusionProof(index, treeSize).map(toHex) };
  }

  /** PROOF(fromSize, toSize) between two signed heads. */
  async consistencyProof(logId: string, fromSize: number, toSize: number): Promise<{ from: HeadRow; to: HeadRow; path: string[] }> {
    if (fromSize > toSize) throw badInput('fromSize', 'must not be larger than toSize');
    const [from, to] = [await this.signedHead(logId, fromSize, 'fromSize'), await this.signedHead(logId, toSize, 'toSize')];
    const tree = await this.trees.tree(logId, toSize);
    return { from, to, path: tree.consistencyProof(fromSize, toSize).map(toHex) };
  }

  /**
   * Receipts of entries (a page of comments, each its author's), each under the first head that
   * covers it, with its inclusion proof: one read of those heads; where none covers an entry yet, one
   * is signed now (once per log), so a receipt is complete the moment its entry has committed.
   */
  async receipts(requests: readonly { logId: string; entry: EntryRow }[]): Promise<IssuedReceipt[]> {
    const heads = await this.rows.firstHeadsCovering(requests.map(({ logId, entry }) => ({ logId, index: entry.index })));
    const signed = new Map<string, Promise<HeadRow | null>>();
    return Promise.all(
      requests.map(async ({ logId, entry }) => {
        let head = heads.get(`${logId}:${entry.index}`) ?? null;
        if (!head) {
          let signing = signed.get(logId);
          if (!signing) signed.set(logId, (signing = this.heads.sign(logId)));
          head = await signing;
        }
        if (!head || head.treeSize <= entry.index) throw new Error(`no head covers entry ${entry.index} of ${logId}`);
        const tree = await this.trees.tree(logId, head.treeSize);
        return { receipt: issueReceipt(tree, entry.index, entry.salt, toSignedHead(head)), entry, head };
      }),
    );
  }

  /** The entries about each (log, subject) pair, oldest first, in one query. */
  entriesAboutMany(pairs: readonly { logId: string; subject: string }[]): Promise<(EntryRow & { logId: string })[]> {
    return this.rows.entriesAboutMany(pairs);
  }

  /** Every entry in order, in batches (the archive streams them). */
  async *entries(logId: string, batch = 500): AsyncGenerator<EntryRow[]> {
    for (let from = 0; ; ) {
      const rows = await this.rows.entries(logId, from, batch);
      if (rows.length === 0) return;
      yield rows;
      from = rows[rows.length - 1].index + 1;
      if (rows.length < batch) return;
    }
  }

  /** For each subject, the index of its latest entry of each of `kinds`. */
  latestOfKinds(logId: string, kinds: readonly string[]): Promise<{ subject: string; kind: string; index: number }[]> {
    return this.rows.latestOfKinds(logId, kinds);
  }

  /** Every key that ever signed a head, oldest first. */
  keys(): Promise<KeyRow[]> {
    return this.rows.keys();
  }

  /** Signs whatever is waiting and resolves when all signing under way is done (tests; shutdown does it too). */
  settle(): Promise<void> {
    return this.heads.flush();
  }

  private async signedHead(logId: string, treeSize: number, field: string): Promise<HeadRow> {
    const head = Number.isSafeInteger(treeSize) && treeSize > 0 ? await this.rows.head(logId, treeSize) : null;
    if (!head) throw badInput(field, 'no signed tree head has this size: take one from the period’s record heads');
    return head;
  }
}
