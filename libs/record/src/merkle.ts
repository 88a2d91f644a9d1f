import { sha256 } from '@noble/hashes/sha2.js';
import { HASH_SIZE, isHash } from './bytes';

/**
 * RFC 9162 §2.1: the Merkle Tree Hash of a list of leaves, and the audit paths (inclusion proofs)
 * and consistency proofs over it, exactly as the RFC defines them. Leaves and inner nodes are
 * hashed with different one-byte prefixes (0x00 / 0x01) so that no leaf can pose as an inner node
 * (the second-preimage attack on plain Merkle trees).
 *
 * The functions over a whole leaf list here (`rootOf`, `inclusionProof`, `consistencyProof`) are
 * the reference: O(n) hashing per call, fine for a verifier or a test. A server answering many
 * proofs over a growing log uses `MerkleLog` (merkle-log.ts), which runs the same path algorithms
 * against stored subtree hashes.
 */

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** SHA-256(0x00 || data): the hash of one leaf's data. */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256.create().update(Uint8Array.of(LEAF_PREFIX)).update(data).digest();
}

/** SHA-256(0x01 || left || right). Throws on a non-32-byte input, which would make `left || right` ambiguous. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (!isHash(left) || !isHash(right)) throw new RangeError('nodeHash takes two 32-byte hashes');
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  return sha256(input);
}

/** The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** h when n = 2^h, else null; by doubling, since Math.log2 rounds 2^53 − 1 up to 53. */
export function exponentOfTwo(n: number): number | null {
  let h = 0;
  for (let p = 1; p <= n; p *= 2, h++) if (p === n) return h;
  return null;
}

/** The Merkle Tree Hash of the leaves [start, end) of some tree: how the path algorithms read a tree. */
export type SubtreeRoot = (start: number, end: number) => Uint8Array;

/**
 * PATH(m, D[n]) (RFC 9162 §2.1.3.1) for leaf `index` of the tree of the first `size` leaves, bottom
 * to top. The recursion is unrolled top-down: each step keeps the half holding the leaf and records
 * the other half's root.
 */
export function auditPath(index: number, size: number, subtreeRoot: SubtreeRoot): Uint8Array[] {
  const path: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      path.push(subtreeRoot(mid, end));
      end = mid;
    } else {
      path.push(subtreeRoot(start, mid));
      start = mid;
    }
  }
  return path.reverse();
}

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1), bottom to top, for 0 < oldSize ≤ size.
 * Unrolled as in `auditPath`; `complete` is the RFC's flag b: still true while the old tree is the
 * left edge of the subtree in hand, in which case the verifier already knows that subtree's root.
 */
export function consistencyPath(oldSize: number, size: number, subtreeRoot: SubtreeRoot): Uint8Array[] {
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = size;
  let complete = true;
  while (oldSize !== end) {
    const mid = start + splitPoint(end - start);
    if (oldSize <= mid) {
      proof.push(subtreeRoot(mid, end));
      end = mid;
    } else {
      proof.push(subtreeRoot(start, mid));
      start = mid;
      complete = false;
    }
  }
  if (!complete) proof.push(subtreeRoot(start, end));
  return proof.reverse();
}

/** MTH(D[n]) over leaf hashes (RFC 9162 §2.1.1): O(n) hashing. Throws RangeError on a leaf hash that is not 32 bytes. */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  return referenceRoot(leafHashes)(0, leafHashes.length);
}

/** The audit path of leaf `index` in the tree of `leafHashes`. Throws RangeError on an index outside it. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leafHashes.length) {
    throw new RangeError(`leaf ${index} is not in a tree of ${leafHashes.length}`);
  }
  return auditPath(index, leafHashes.length, referenceRoot(leafHashes));
}

/**
 * The consistency proof from the tree of the first `oldSize` leaves to the tree of all of them
 * (empty when the sizes are equal). Throws RangeError unless 0 < oldSize ≤ leafHashes.length: a
 * proof from the empty tree proves nothing, and RFC 9162 defines none.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > leafHashes.length) {
    throw new RangeError(`no consistency proof from size ${oldSize} to ${leafHashes.length}`);
  }
  return consistencyPath(oldSize, leafHashes.length, referenceRoot(leafHashes));
}

/** MTH straight from the definition, recomputing every subtree it is asked for. */
function referenceRoot(leafHashes: readonly Uint8Array[]): SubtreeRoot {
  if (!leafHashes.every(isHash)) throw new RangeError('a leaf hash is 32 bytes');
  const mth = (start: number, end: number): Uint8Array => {
    if (end === start) return emptyRoot();
    if (end - start === 1) return leafHashes[start];
    const mid = start + splitPoint(end - start);
    return nodeHash(mth(start, mid), mth(mid, end));
  };
  return mth;
}
