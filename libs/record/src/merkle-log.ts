import { HASH_SIZE, isHash } from './bytes';
import { auditPath, consistencyPath, emptyRoot, exponentOfTwo, nodeHash, splitPoint } from './merkle';

/**
 * An append-only RFC 9162 tree for the server that keeps the log: it stores the root of every
 * complete, aligned subtree (level h, position i covers leaves [i·2^h, (i+1)·2^h)) as it is
 * completed, and answers roots and proofs for the current size or any earlier one.
 *
 * Why this shape: every subtree that PATH and PROOF ask for is either such a complete aligned
 * subtree (a lookup) or sits on the right edge of the tree asked about, whose root folds at most
 * log2(n) stored subtrees. So, with n leaves:
 * - append: amortised 1 hash (at most log2(n)); storage 2n hashes, in one flat buffer per level;
 * - root(size): at most log2(n) hashes;
 * - inclusionProof / consistencyProof: O(log² n) hashes in the worst case (each of ≤ log2(n)
 *   right-edge siblings folds ≤ log2(n) subtrees), typically a handful; never O(n).
 * `MerkleLog.from(leafHashes)` rebuilds it from stored leaf hashes in O(n), e.g. at start-up.
 */
export class MerkleLog {
  private readonly levels: HashList[] = [new HashList()];

  static from(leafHashes: Iterable<Uint8Array>): MerkleLog {
    const log = new MerkleLog();
    for (const hash of leafHashes) log.append(hash);
    return log;
  }

  get size(): number {
    return this.levels[0].count;
  }

  /** Adds a leaf (its leaf hash, see `leafHash`) and returns its index. */
  append(leafHash: Uint8Array): number {
    if (!isHash(leafHash)) throw new RangeError('a leaf hash is 32 bytes');
    const index = this.size;
    this.levels[0].push(leafHash);
    // each odd position completes a pair: its parent is complete too
    for (let level = 0, position = index; position % 2 === 1; level++, position = (position - 1) / 2) {
      const hashes = this.levels[level];
      if (this.levels.length === level + 1) this.levels.push(new HashList());
      this.levels[level + 1].push(nodeHash(hashes.at(position - 1), hashes.at(position)));
    }
    return index;
  }

  /** A copy of the leaf hash at `index`. */
  leafHash(index: number): Uint8Array {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) throw new RangeError(`no leaf ${index} in a log of ${this.size}`);
    return this.levels[0].at(index).slice();
  }

  /** MTH of the first `size` leaves (default: all of them). */
  root(size: number = this.size): Uint8Array {
    this.assertSize(size);
    return this.subtreeRoot(0, size).slice();
  }

  /** PATH(index, D[size]), bottom to top. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.assertSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    }
    return auditPath(index, size, this.subtreeRoot).map((hash) => hash.slice());
  }

  /** PROOF(oldSize, D[size]), bottom to top; empty when the sizes are equal. */
  consistencyProof(oldSize: number, size: number = this.size): Uint8Array[] {
    this.assertSize(size);
    if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > size) {
      throw new RangeError(`no consistency proof from size ${oldSize} to ${size}`);
    }
    return consistencyPath(oldSize, size, this.subtreeRoot).map((hash) => hash.slice());
  }

  /**
   * MTH of leaves [start, end). The path algorithms only ask for subtrees whose start is a multiple
   * of their left part's width, so each complete one is stored and the recursion only follows the
   * right edge.
   */
  private readonly subtreeRoot = (start: number, end: number): Uint8Array => {
    const width = end - start;
    if (width === 0) return emptyRoot();
    const level = exponentOfTwo(width);
    if (level !== null && start % width === 0) return this.levels[level].at(start / width);
    const mid = start + splitPoint(width);
    return nodeHash(this.subtreeRoot(start, mid), this.subtreeRoot(mid, end));
  };

  private assertSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`the log holds ${this.size} leaves, not ${size}`);
    }
  }
}

/** Hashes of one level, back to back in one growing buffer: 100,000 leaves are not 200,000 objects. */
class HashList {
  private buffer = new Uint8Array(HASH_SIZE * 64);
  private used = 0;

  get count(): number {
    return this.used;
  }

  push(hash: Uint8Array): void {
    if ((this.used + 1) * HASH_SIZE > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.used * HASH_SIZE);
    this.used += 1;
  }

  /** A view, not a copy: callers outside MerkleLog get copies. */
  at(position: number): Uint8Array {
    return this.buffer.subarray(position * HASH_SIZE, (position + 1) * HASH_SIZE);
  }
}
