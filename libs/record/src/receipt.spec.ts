import { toHex } from './bytes';
import { canonicalBytes, type JsonValue } from './canonical-json';
import { commit } from './commitment';
import { keyIdOf, publicKeyOf } from './keys';
import { leafHash } from './merkle';
import { MerkleLog } from './merkle-log';
import { issueReceipt, verifyReceipt, type Receipt } from './receipt';
import { signTreeHead, type SignedTreeHead, type TreeHead } from './tree-head';

/** Fixed keys and salts, so every run builds the same log. */
const fixedBytes = (seed: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 131 + seed * 17) & 0xff);

const ENTRIES: JsonValue[] = Array.from({ length: 11 }, (_, i) => ({ paragraph: i + 1, comment: `Comment ${i}`, author: `member-${i % 3}` }));

function publishedLog(secretKey: Uint8Array, saltSeed = 100) {
  const log = new MerkleLog();
  const salts = ENTRIES.map((_, i) => fixedBytes(saltSeed + i));
  ENTRIES.forEach((entry, i) => log.append(leafHash(commit(salts[i], canonicalBytes(entry)))));
  const head: TreeHead = {
    logId: 'dc-2026',
    treeSize: log.size,
    rootHash: toHex(log.root()),
    timestamp: 1_790_000_000_000,
    keyId: keyIdOf(publicKeyOf(secretKey)),
  };
  const treeHead: SignedTreeHead = { ...head, signature: signTreeHead(head, secretKey) };
  return { log, salts, treeHead, receipt: (i: number): Receipt => issueReceipt(log, i, salts[i], treeHead) };
}

describe('receipts', () => {
  const key = fixedBytes(1);
  const trusted = [publicKeyOf(key)];
  const { salts, receipt, log, treeHead } = publishedLog(key);

  it('verify for every entry, from the entry itself or from its commitment, after a JSON round trip', () => {
    ENTRIES.forEach((entry, i) => {
      const kept = JSON.parse(JSON.stringify(receipt(i))) as Receipt;
      expect(verifyReceipt(kept, { entryBytes: canonicalBytes(entry) }, trusted)).toEqual({ valid: true });
      expect(verifyReceipt(kept, { commitment: commit(salts[i], canonicalBytes(entry)) }, trusted)).toEqual({ valid: true });
    });
  });

  it('fail the commitment check for an edited entry or another salt', () => {
    const edited = { ...(ENTRIES[3] as Record<string, JsonValue>), comment: 'Comment 3, edited' };
    expect(verifyReceipt(receipt(3), { entryBytes: canonicalBytes(edited) }, trusted)).toEqual({ valid: false, failed: 'commitment', reason: 'leaf-hash-mismatch' });
    expect(verifyReceipt({ ...receipt(3), salt: toHex(salts[4]) }, { entryBytes: canonicalBytes(ENTRIES[3]) }, trusted)).toMatchObject({ failed: 'commitment' });
  });

  it('fail the signature check for an unknown key or a changed tree head', () => {
    const entry = { entryBytes: canonicalBytes(ENTRIES[0]) };
    expect(verifyReceipt(receipt(0), entry, [publicKeyOf(fixedBytes(2))])).toEqual({ valid: false, failed: 'signature', reason: 'unknown-key' });
    const forged = { ...receipt(0), treeHead: { ...treeHead, treeSize: 12 } };
    expect(verifyReceipt(forged, entry, trusted)).toEqual({ valid: false, failed: 'signature', reason: 'bad-signature' });
  });

  it('fail the inclusion check for a tampered proof, another index, or no proof at all', () => {
    const entry = { entryBytes: canonicalBytes(ENTRIES[5]) };
    const genuine = receipt(5);
    const proof = [...(genuine.inclusionProof ?? [])];
    proof[1] = `${proof[1].slice(0, 63)}${proof[1].endsWith('0') ? '1' : '0'}`;
    expect(verifyReceipt({ ...genuine, inclusionProof: proof }, entry, trusted)).toEqual({ valid: false, failed: 'inclusion', reason: 'root-mismatch' });
    expect(verifyReceipt({ ...genuine, entryIndex: 6 }, entry, trusted)).toMatchObject({ valid: false, failed: 'inclusion' });
    expect(verifyReceipt({ ...genuine, inclusionProof: undefined }, entry, trusted)).toEqual({ valid: false, failed: 'inclusion', reason: 'missing-proof' });
  });

  it.each<[string, (r: Receipt) => unknown]>([
    ['not an object', () => 'receipt'],
    ['another version', (r) => ({ ...r, version: 2 })],
    ['an upper-case salt', (r) => ({ ...r, salt: r.salt.toUpperCase() })],
    ['a proof node of the wrong length', (r) => ({ ...r, inclusionProof: ['ab'] })],
    ['a negative index', (r) => ({ ...r, entryIndex: -1 })],
    ['no tree head', (r) => ({ ...r, treeHead: null })],
  ])('fail the format check, without throwing, for %s', (_, corrupt) => {
    expect(verifyReceipt(corrupt(receipt(1)) as Receipt, { entryBytes: canonicalBytes(ENTRIES[1]) }, trusted)).toEqual({
      valid: false,
      failed: 'format',
      reason: 'malformed-receipt',
    });
  });

  it('are issued only against a head of the same log', () => {
    const other = publishedLog(key, 200);
    expect(() => issueReceipt(log, 0, salts[0], other.treeHead)).toThrow(RangeError);
  });
});
