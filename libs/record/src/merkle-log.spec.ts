import fc from 'fast-check';
import { toHex } from './bytes';
import { consistencyProof, inclusionProof, leafHash, rootOf } from './merkle';
import { MerkleLog } from './merkle-log';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { consistencyShape, inclusionShape } from './testing/tree-shapes';

/** Fixed seed: every run checks the same cases; a failure prints its counterexample to replay. */
const RUNS = { seed: 9162, numRuns: 400 } as const;
const MAX = 300;

const leafFor = (i: number): Uint8Array => leafHash(Uint8Array.of(i >>> 24, i >>> 16, i >>> 8, i));
const LEAVES = Array.from({ length: MAX }, (_, i) => leafFor(i));
const LOG = MerkleLog.from(LEAVES);
const ROOTS = Array.from({ length: MAX + 1 }, (_, size) => LOG.root(size));

const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const copy = bytes.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};

/** A tree size from 1 to MAX and a leaf in it. */
const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)));
/** Sizes 1 ≤ oldSize ≤ size ≤ MAX. */
const sizePair = fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.integer({ min: 1, max: size }), fc.constant(size)));

describe('MerkleLog', () => {
  it('gives the RFC 9162 root, computed from the definition, for every size up to 300', () => {
    for (let size = 0; size <= MAX; size++) expect(toHex(ROOTS[size])).toBe(toHex(rootOf(LEAVES.slice(0, size))));
  });

  it('gives the same inclusion and consistency proofs as the RFC definitions, for any earlier size', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.integer({ min: 1, max: MAX }), ([size, index], other) => {
        const leaves = LEAVES.slice(0, size);
        expect(LOG.inclusionProof(index, size).map(toHex)).toEqual(inclusionProof(leaves, index).map(toHex));
        const oldSize = Math.min(other, size);
        expect(LOG.consistencyProof(oldSize, size).map(toHex)).toEqual(consistencyProof(leaves, oldSize).map(toHex));
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it('hands out copies, so a caller cannot change its stored hashes', () => {
    const log = MerkleLog.from(LEAVES.slice(0, 5));
    const before = toHex(log.root());
    log.root().fill(0);
    log.leafHash(0).fill(0);
    log.inclusionProof(0)[0].fill(0);
    expect(toHex(log.root())).toBe(before);
  });

  it('refuses leaf hashes of the wrong length and sizes it does not hold', () => {
    const log = MerkleLog.from(LEAVES.slice(0, 5));
    expect(() => log.append(new Uint8Array(31))).toThrow(RangeError);
    expect(() => log.root(6)).toThrow(RangeError);
    expect(() => log.leafHash(-1)).toThrow(RangeError);
    expect(() => log.leafHash(5)).toThrow(RangeError);
    expect(() => log.inclusionProof(5)).toThrow(RangeError);
    expect(() => log.consistencyProof(0)).toThrow(RangeError);
    expect(() => log.consistencyProof(3, 6)).toThrow(RangeError);
  });
});

describe('inclusion proofs over random trees of 1 to 300 leaves', () => {
  it('verify for every leaf', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        expect(verifyInclusion(LEAVES[index], index, size, LOG.inclusionProof(index, size), ROOTS[size])).toEqual({ valid: true });
      }),
      RUNS,
    );
  });

  it('fail when any single bit of the leaf hash, the root or a proof node is flipped', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat(255), ([size, index], pick, bit) => {
        const proof = LOG.inclusionProof(index, size);
        const target = pick % (proof.length + 2);
        const leaf = target === 0 ? flipBit(LEAVES[index], bit) : LEAVES[index];
        const root = target === 1 ? flipBit(ROOTS[size], bit) : ROOTS[size];
        const path = proof.map((node, i) => (target === i + 2 ? flipBit(node, bit) : node));
        expect(verifyInclusion(leaf, index, size, path, root)).toEqual({ valid: false, reason: 'root-mismatch' });
      }),
      RUNS,
    );
  });

  it('fail for any other leaf index of the same tree', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), ([size, index], other) => {
        fc.pre(size > 1);
        const wrong = (index + 1 + (other % (size - 1))) % size;
        expect(verifyInclusion(LEAVES[index], wrong, size, LOG.inclusionProof(index, size), ROOTS[size]).valid).toBe(false);
      }),
      RUNS,
    );
  });

  // The proof binds leaf and root, not the size: a size whose path to the leaf has the same shape
  // accepts it (leaf 0 of 3 and of 4). So the size must come signed with the root, in a tree head.
  it('fail for another tree size exactly when that size changes the shape of the path', () => {
    let sameShape = 0;
    fc.assert(
      fc.property(sizeAndIndex, fc.integer({ min: 1, max: 2 * MAX }), ([size, index], other) => {
        fc.pre(other !== size && other > index);
        const accepted = verifyInclusion(LEAVES[index], index, other, LOG.inclusionProof(index, size), ROOTS[size]).valid;
        const shapeKept = inclusionShape(index, other) === inclusionShape(index, size);
        if (shapeKept) sameShape += 1;
        expect(accepted).toBe(shapeKept);
      }),
      RUNS,
    );
    expect(sameShape).toBeLessThan(RUNS.numRuns / 2);
  });

  it('fail when truncated or extended', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = LOG.inclusionProof(index, size);
        if (proof.length > 0) {
          expect(verifyInclusion(LEAVES[index], index, size, proof.slice(0, -1), ROOTS[size])).toEqual({ valid: false, reason: 'wrong-proof-length' });
          expect(verifyInclusion(LEAVES[index], index, size, proof.slice(1), ROOTS[size]).valid).toBe(false);
        }
        expect(verifyInclusion(LEAVES[index], index, size, [...proof, ROOTS[size]], ROOTS[size]).valid).toBe(false);
        expect(verifyInclusion(LEAVES[index], index, size, [ROOTS[size], ...proof], ROOTS[size]).valid).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('consistency proofs over random pairs of tree sizes up to 300', () => {
  it('verify for every pair oldSize ≤ size', () => {
    fc.assert(
      fc.property(sizePair, ([oldSize, size]) => {
        expect(verifyConsistency(oldSize, size, ROOTS[oldSize], ROOTS[size], LOG.consistencyProof(oldSize, size))).toEqual({ valid: true });
      }),
      RUNS,
    );
  });

  it('fail when any single bit of either root or a proof node is flipped', () => {
    fc.assert(
      fc.property(sizePair, fc.nat(), fc.nat(255), ([oldSize, size], pick, bit) => {
        const proof = LOG.consistencyProof(oldSize, size);
        const target = pick % (proof.length + 2);
        const oldRoot = target === 0 ? flipBit(ROOTS[oldSize], bit) : ROOTS[oldSize];
        const newRoot = target === 1 ? flipBit(ROOTS[size], bit) : ROOTS[size];
        const path = proof.map((node, i) => (target === i + 2 ? flipBit(node, bit) : node));
        expect(verifyConsistency(oldSize, size, oldRoot, newRoot, path).valid).toBe(false);
      }),
      RUNS,
    );
  });

  it('fail for another old or new size exactly when it changes the shape of the proof', () => {
    fc.assert(
      fc.property(sizePair, fc.integer({ min: 1, max: 2 * MAX }), fc.boolean(), ([oldSize, size], other, moveOld) => {
        const [claimedOld, claimedNew] = moveOld ? [other, size] : [oldSize, other];
        fc.pre((claimedOld !== oldSize || claimedNew !== size) && claimedOld <= claimedNew);
        const proof = LOG.consistencyProof(oldSize, size);
        const accepted = verifyConsistency(claimedOld, claimedNew, ROOTS[oldSize], ROOTS[size], proof).valid;
        expect(accepted).toBe(consistencyShape(claimedOld, claimedNew) === consistencyShape(oldSize, size));
      }),
      RUNS,
    );
  });

  it('fail when truncated, extended or with the roots swapped', () => {
    fc.assert(
      fc.property(sizePair, ([oldSize, size]) => {
        const proof = LOG.consistencyProof(oldSize, size);
        if (proof.length > 0) {
          expect(verifyConsistency(oldSize, size, ROOTS[oldSize], ROOTS[size], proof.slice(0, -1)).valid).toBe(false);
          expect(verifyConsistency(oldSize, size, ROOTS[oldSize], ROOTS[size], proof.slice(1)).valid).toBe(false);
        }
        expect(verifyConsistency(oldSize, size, ROOTS[oldSize], ROOTS[size], [...proof, ROOTS[size]]).valid).toBe(false);
        if (oldSize !== size) expect(verifyConsistency(oldSize, size, ROOTS[size], ROOTS[oldSize], proof).valid).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('a log of 100,000 leaves', () => {
  const big = MerkleLog.from(
    (function* () {
      for (let i = 0; i < 100_000; i++) yield leafFor(i);
    })(),
  );
  const SIZES = [65_535, 65_536, 65_537, 99_999, 100_000];

  it('has the root the RFC definition gives', () => {
    const leaves = Array.from({ length: 100_000 }, (_, i) => big.leafHash(i));
    expect(toHex(big.root())).toBe(toHex(rootOf(leaves)));
  });

  it('proves random leaves in large trees and their growth between large sizes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIZES), fc.constantFrom(...SIZES), fc.nat(99_999), (a, b, pick) => {
        const [oldSize, size] = a <= b ? [a, b] : [b, a];
        const index = pick % size;
        const root = big.root(size);
        const proof = big.inclusionProof(index, size);
        expect(proof.length).toBeLessThanOrEqual(17);
        expect(verifyInclusion(leafFor(index), index, size, proof, root)).toEqual({ valid: true });
        expect(verifyInclusion(leafFor(index), index, size, proof, flipBit(root, pick % 256)).valid).toBe(false);
        const consistency = big.consistencyProof(oldSize, size);
        expect(verifyConsistency(oldSize, size, big.root(oldSize), root, consistency)).toEqual({ valid: true });
        if (consistency.length > 0) expect(verifyConsistency(oldSize, size, big.root(oldSize), root, consistency.slice(0, -1)).valid).toBe(false);
      }),
      { ...RUNS, numRuns: 50 },
    );
  });
});
