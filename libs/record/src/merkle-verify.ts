import { equalBytes, isCount, isHash } from './bytes';
import { exponentOfTwo, nodeHash } from './merkle';
import { fail, VALID, type Verdict } from './verdict';

/**
 * The two verification algorithms of RFC 9162, step for step (§2.1.3.2 and §2.1.4.2), for a
 * verifier that trusts nothing it is handed: any input (wrong types, wrong lengths, sizes beyond
 * 2^53, a proof of the wrong length) gives a result with a reason, never an exception.
 *
 * The sizes are plain numbers; the RFC's right shifts are halvings (`half`), since JavaScript's
 * `>>` would wrap at 2^31.
 */

export type InclusionFailure = 'malformed-input' | 'index-out-of-range' | 'wrong-proof-length' | 'root-mismatch';

export type ConsistencyFailure =
  | 'malformed-input'
  | 'sizes-out-of-order'
  | 'empty-old-tree'
  | 'wrong-proof-length'
  | 'old-root-mismatch'
  | 'new-root-mismatch';

/**
 * Is `leafHash` the leaf at `index` of the tree of `treeSize` leaves whose root is `root`?
 * `proof` is PATH(index, D[treeSize]), bottom to top.
 *
 * The proof binds the leaf to the root, not to the size: a different size whose path to `index`
 * has the same shape (e.g. leaf 0 of 3 leaves and of 4) accepts the same proof. That is harmless
 * only because a signed tree head binds the root to its size; check the head's signature too.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verdict<InclusionFailure> {
  if (!isHash(leafHash) || !isHash(root) || !isCount(index) || !isCount(treeSize) || !isHashList(proof)) {
    return fail('malformed-input');
  }
  // 1. leaf_index must be inside the tree.
  if (index >= treeSize) return fail('index-out-of-range');
  // 2-3. fn = leaf_index, sn = tree_size - 1, r = hash.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  // 4. Fold the path in.
  for (const p of proof) {
    if (sn === 0) return fail('wrong-proof-length');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // the last node of a level without a right sibling is promoted: skip the levels it was promoted through
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  // 5. The path must reach the root exactly and end at its value.
  if (sn !== 0) return fail('wrong-proof-length');
  return equalBytes(r, root) ? VALID : fail('root-mismatch');
}

/**
 * Is the tree of `newSize` leaves with root `newRoot` an append-only extension of the tree of
 * `oldSize` leaves with root `oldRoot`? `proof` is PROOF(oldSize, D[newSize]), bottom to top.
 *
 * RFC 9162 defines the algorithm for 0 < oldSize < newSize. Around it, as transparency-dev/merkle
 * does: equal sizes need an empty proof and equal roots; an old size of 0 is refused, because the
 * empty tree is a prefix of every tree and "proving" it would let a caller believe something was
 * checked when nothing was.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): Verdict<ConsistencyFailure> {
  if (!isCount(oldSize) || !isCount(newSize) || !isHash(oldRoot) || !isHash(newRoot) || !isHashList(proof)) {
    return fail('malformed-input');
  }
  if (oldSize > newSize) return fail('sizes-out-of-order');
  if (oldSize === 0) return fail('empty-old-tree');
  if (oldSize === newSize) {
    if (proof.length !== 0) return fail('wrong-proof-length');
    return equalBytes(oldRoot, newRoot) ? VALID : fail('new-root-mismatch');
  }
  // 1. An empty path fails.
  if (proof.length === 0) return fail('wrong-proof-length');
  // 2. A complete old tree is a node of the new one: the proof leaves out its root, which the verifier has.
  const path = exponentOfTwo(oldSize) !== null ? [oldRoot, ...proof] : proof;
  // 3-4. fn = first - 1, sn = second - 1, then skip the levels where the old tree's last node is a right child.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  // 5. Both roots grow from the first node.
  let fr = path[0];
  let sr = path[0];
  // 6. Left siblings are in both trees; right siblings only in the new one.
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('wrong-proof-length');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  // 7. Both roots must come out, with the whole new tree consumed.
  if (sn !== 0) return fail('wrong-proof-length');
  if (!equalBytes(fr, oldRoot)) return fail('old-root-mismatch');
  return equalBytes(sr, newRoot) ? VALID : fail('new-root-mismatch');
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}
