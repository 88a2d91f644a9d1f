import { leafHash } from './merkle';
import { verifyConsistency, verifyInclusion } from './merkle-verify';
import { CONSISTENCY_PROBES, GOLDEN_SOURCE, INCLUSION_PROBES } from './testing/transparency-dev-probes';

const base64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));

/**
 * Where this verifier is stricter than transparency-dev/merkle, on purpose: Go skips the hash-length
 * check when the sizes are equal and the proof is empty, and so accepts two equal 12-byte "roots";
 * here every root and leaf hash must be 32 bytes, whatever the sizes.
 */
const STRICTER: Record<string, string> = {
  'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json': 'malformed-input',
};

describe(`RFC 9162 verification, against the golden probes of ${GOLDEN_SOURCE}`, () => {
  it.each(INCLUSION_PROBES.map((probe) => [probe[0], probe] as const))('inclusion %s', (file, probe) => {
    const [, index, treeSize, root, leaf, proof, wantErr] = probe;
    // a Go uint64 beyond 2^53 reaches JavaScript as an unsafe number, which must be refused
    const verdict = verifyInclusion(base64(leaf), Number(index), treeSize, (proof ?? []).map(base64), base64(root));
    expect(verdict.valid).toBe(!wantErr && !(file in STRICTER));
  });

  it.each(CONSISTENCY_PROBES.map((probe) => [probe[0], probe] as const))('consistency %s', (file, probe) => {
    const [, size1, size2, root1, root2, proof, wantErr] = probe;
    const verdict = verifyConsistency(size1, size2, base64(root1), base64(root2), (proof ?? []).map(base64));
    expect(verdict.valid).toBe(!wantErr && !(file in STRICTER));
    if (file in STRICTER) expect(verdict).toEqual({ valid: false, reason: STRICTER[file] });
  });
});

describe('verification of hostile input', () => {
  const leaf = leafHash(Uint8Array.of(1));

  it.each([
    ['a negative index', -1, 1],
    ['a fractional size', 0, 1.5],
    ['an index beyond 2^53', 2 ** 53, 2 ** 53 + 2],
    ['NaN', Number.NaN, 1],
  ])('answers malformed-input for %s instead of throwing', (_, index, size) => {
    expect(verifyInclusion(leaf, index, size, [], leaf)).toEqual({ valid: false, reason: 'malformed-input' });
    expect(verifyConsistency(index, size, leaf, leaf, [])).toEqual({ valid: false, reason: 'malformed-input' });
  });

  it('answers malformed-input for proofs that are not lists of 32-byte hashes', () => {
    const notProofs: unknown[] = [null, 'abc', [leaf, 'x'], [new Uint8Array(33)], { length: 0 }];
    for (const proof of notProofs) {
      expect(verifyInclusion(leaf, 0, 2, proof as Uint8Array[], leaf).valid).toBe(false);
      expect(verifyConsistency(1, 2, leaf, leaf, proof as Uint8Array[]).valid).toBe(false);
    }
    expect(verifyInclusion(null as unknown as Uint8Array, 0, 1, [], leaf)).toEqual({ valid: false, reason: 'malformed-input' });
  });

  it('names why a consistency check fails', () => {
    expect(verifyConsistency(2, 1, leaf, leaf, [])).toEqual({ valid: false, reason: 'sizes-out-of-order' });
    expect(verifyConsistency(0, 1, leaf, leaf, [])).toEqual({ valid: false, reason: 'empty-old-tree' });
    expect(verifyConsistency(1, 2, leaf, leaf, [])).toEqual({ valid: false, reason: 'wrong-proof-length' });
    expect(verifyInclusion(leaf, 1, 1, [], leaf)).toEqual({ valid: false, reason: 'index-out-of-range' });
  });
});
