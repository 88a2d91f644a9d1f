import { toHex } from './bytes';
import { keyIdOf, publicKeyOf } from './keys';
import { signTreeHead, treeHeadBytes, verifySignedTreeHead, verifyTreeHead, type SignedTreeHead, type TreeHead } from './tree-head';

const ROOT = 'aa'.repeat(32);

/** Fixed secret keys, so every run signs the same bytes. */
let keysMade = 0;
const nextFixedKey = (): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 31 + ++keysMade * 101) & 0xff);

function headFor(secretKey: Uint8Array, changes: Partial<TreeHead> = {}): TreeHead {
  return { logId: 'bpf-2026', treeSize: 5, rootHash: ROOT, timestamp: 1_767_225_600_000, keyId: keyIdOf(publicKeyOf(secretKey)), ...changes };
}

function signed(secretKey: Uint8Array, changes: Partial<TreeHead> = {}): SignedTreeHead {
  const head = headFor(secretKey, changes);
  return { ...head, signature: signTreeHead(head, secretKey) };
}

describe('tree heads', () => {
  it('are signed over the documented v1 byte layout', () => {
    const head: TreeHead = { logId: 'bpf-2026', treeSize: 5, rootHash: ROOT, timestamp: 1_767_225_600_000, keyId: 'bb'.repeat(32) };
    expect(toHex(treeHeadBytes(head))).toBe(
      '696e74657273657373696f6e616c2f7265636f72642f747265652d686561642f7631' + // "intersessional/record/tree-head/v1"
        '00' + // end of tag
        '08' + // logId length
        '6270662d32303236' + // "bpf-2026"
        '0000000000000005' + // treeSize
        ROOT +
        '0000019b76daa800' + // 2026-01-01T00:00:00Z in ms
        'bb'.repeat(32),
    );
  });

  it('verify with the signer’s public key', () => {
    const secretKey = nextFixedKey();
    const head = signed(secretKey);
    expect(verifyTreeHead(head, head.signature, publicKeyOf(secretKey))).toEqual({ valid: true });
  });

  it.each<[string, Partial<TreeHead>]>([
    ['size', { treeSize: 6 }],
    ['root', { rootHash: 'ab'.repeat(32) }],
    ['time', { timestamp: 1_767_225_600_001 }],
    ['log', { logId: 'bpf-2027' }],
  ])('fail once their %s is changed', (_, change) => {
    const secretKey = nextFixedKey();
    const head = signed(secretKey);
    expect(verifyTreeHead({ ...head, ...change }, head.signature, publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('fail with another key, and say whether the key was even the one named', () => {
    const secretKey = nextFixedKey();
    const other = nextFixedKey();
    const head = signed(secretKey);
    expect(verifyTreeHead(head, head.signature, publicKeyOf(other))).toEqual({ valid: false, reason: 'key-id-mismatch' });
    const relabelled = { ...head, keyId: keyIdOf(publicKeyOf(other)) };
    expect(verifyTreeHead(relabelled, head.signature, publicKeyOf(other))).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('after a key rotation, old heads still verify with the old key, found by key id', () => {
    const oldKey = nextFixedKey();
    const newKey = nextFixedKey();
    const before = signed(oldKey, { treeSize: 100 });
    const after = signed(newKey, { treeSize: 250 });
    const trusted = [publicKeyOf(newKey), publicKeyOf(oldKey)];
    expect(verifySignedTreeHead(before, trusted)).toEqual({ valid: true });
    expect(verifySignedTreeHead(after, trusted)).toEqual({ valid: true });
    expect(verifySignedTreeHead(before, [publicKeyOf(newKey)])).toEqual({ valid: false, reason: 'unknown-key' });
  });

  it('are not signed when they name another key than the signer’s', () => {
    const secretKey = nextFixedKey();
    expect(() => signTreeHead(headFor(secretKey, { keyId: 'cc'.repeat(32) }), secretKey)).toThrow(TypeError);
  });

  it.each<[string, Partial<TreeHead>]>([
    ['an upper-case root', { rootHash: 'AA'.repeat(32) }],
    ['a short root', { rootHash: 'aa' }],
    ['an empty log id', { logId: '' }],
    ['a log id over 255 bytes', { logId: 'é'.repeat(128) }],
    ['a log id with a lone surrogate', { logId: 'bpf\ud800' }],
    ['a negative size', { treeSize: -1 }],
    ['a size beyond 2^53', { treeSize: 2 ** 53 }],
    ['a fractional time', { timestamp: 1.5 }],
  ])('have no encoding with %s, and verify as malformed rather than throwing', (_, change) => {
    const secretKey = nextFixedKey();
    const head = { ...headFor(secretKey), ...change };
    expect(() => treeHeadBytes(head)).toThrow(TypeError);
    expect(verifyTreeHead(head, '00'.repeat(64), publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'malformed-head' });
  });

  it('answer malformed for signatures and keys of the wrong form', () => {
    const secretKey = nextFixedKey();
    const head = signed(secretKey);
    expect(verifyTreeHead(head, head.signature.toUpperCase(), publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'malformed-signature' });
    expect(verifyTreeHead(head, head.signature.slice(2), publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'malformed-signature' });
    expect(verifyTreeHead(head, head.signature, new Uint8Array(31))).toEqual({ valid: false, reason: 'malformed-key' });
    expect(verifyTreeHead(null as unknown as TreeHead, head.signature, publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'malformed-head' });
    expect(verifySignedTreeHead(null as unknown as SignedTreeHead, [publicKeyOf(secretKey)])).toEqual({ valid: false, reason: 'malformed-head' });
  });

  it('reject a signature whose S is not reduced (strict RFC 8032, no malleability)', () => {
    const secretKey = nextFixedKey();
    const head = signed(secretKey);
    // S + L, where L is the group order: the same point equation, but a second encoding of one signature
    const bytes = Uint8Array.from(Buffer.from(head.signature, 'hex'));
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(bytes[i]);
    s += 2n ** 252n + 27742317777372353535851937790883648493n;
    for (let i = 32; i < 64; i++, s >>= 8n) bytes[i] = Number(s & 0xffn);
    expect(verifyTreeHead(head, toHex(bytes), publicKeyOf(secretKey))).toEqual({ valid: false, reason: 'bad-signature' });
  });
});
