import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@intersessional/database';
import { MerkleLog, equalBytes, entryLeaf, parseEntry } from '@intersessional/record';
import { RecordRepository } from './record.repository';

/** Rows read per round trip when a tree is built or caught up. */
const BATCH = 5000;
/** Trees kept in memory (least recently used go first); a period of 10,000 entries takes about 0.7 MB. */
const MAX_TREES = 64;

export class RecordIntegrityError extends Error {
  constructor(
    readonly logId: string,
    readonly index: number,
    problem: string,
  ) {
    super(`record ${logId}, entry ${index}: ${problem}`);
    this.name = 'RecordIntegrityError';
  }
}

/**
 * Each log's Merkle tree in memory, holding committed entries only. Appends never touch it: they
 * write rows, and a tree catches up by reading the rows past its size, which are committed and
 * gapless because appends to a log are serialised until they commit (RecordRepository.claimIndexes).
 * So every instance's tree of a log is the same prefix, whoever appended, and a rolled-back append
 * never reaches one. Each row read is checked — its stored leaf hash must be that of its entry under
 * its salt — so a tree (and the heads signed from it) is never built over a row edited behind the
 * triggers' back.
 */
@Injectable()
export class TreeCache {
  private readonly logger = new Logger('Record');
  private readonly trees = new Map<string, MerkleLog>();
  /** Catch-ups of one log run one at a time (two would append the same rows twice). */
  private readonly catchingUp = new Map<string, Promise<MerkleLog>>();

  constructor(
    private readonly db: Database,
    private readonly rows: RecordRepository,
  ) {}

  /** The log's tree with at least `size` entries (which must be committed). Outside transactions only. */
  async tree(logId: string, size: number): Promise<MerkleLog> {
    if (this.db.inTransaction) throw new Error('the record’s trees read committed entries only: call outside a transaction');
    const cached = this.trees.get(logId);
    if (cached && cached.size >= size) {
      this.touch(logId, cached);
      return cached;
    }
    const running = this.catchingUp.get(logId) ?? Promise.resolve(cached ?? new MerkleLog());
    const next = running.then((tree) => (tree.size >= size ? tree : this.catchUp(logId, tree, size)));
    const settled = next.finally(() => {
      if (this.catchingUp.get(logId) === settled) this.catchingUp.delete(logId);
    });
    this.catchingUp.set(logId, settled);
    const tree = await settled;
    this.touch(logId, tree);
    return tree;
  }

  private async catchUp(logId: string, tree: MerkleLog, size: number): Promise<MerkleLog> {
    while (tree.size < size) {
      const rows = await this.rows.entries(logId, tree.size, BATCH);
      if (rows.length === 0) throw new RecordIntegrityError(logId, tree.size, `the log should hold ${size} entries`);
      for (const row of rows) {
        if (row.index !== tree.size) throw new RecordIntegrityError(logId, tree.size, `found entry ${row.index} in its place`);
        const entry = parseEntry(row.entry);
        const leaf = entry && entryLeaf(entry, row.salt);
        if (!leaf || leaf.text !== row.entry || !equalBytes(leaf.commitment, row.commitment) || !equalBytes(leaf.leafHash, row.leafHash)) {
          const error = new RecordIntegrityError(logId, row.index, 'its stored hashes are not those of its entry and salt');
          this.logger.error(error.message);
          throw error;
        }
        tree.append(leaf.leafHash);
      }
    }
    return tree;
  }

  private touch(logId: string, tree: MerkleLog): void {
    this.trees.delete(logId);
    this.trees.set(logId, tree);
    for (const oldest of this.trees.keys()) {
      if (this.trees.size <= MAX_TREES) break;
      this.trees.delete(oldest);
    }
  }
}
