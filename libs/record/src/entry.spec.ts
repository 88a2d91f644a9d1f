import { toHex } from './bytes';
import { canonicalBytes, canonicalJson } from './canonical-json';
import { commit } from './commitment';
import { checkOpening, entryLeaf, parseEntry, sealPart, type RecordEntry } from './entry';
import { leafHash } from './merkle';

const salt = (seed: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + seed) & 0xff);

describe('record entries', () => {
  const text = { body: 'I support option B.', language: 'en', revision: 1 };
  const sealed = sealPart(text, salt(1));
  const entry: RecordEntry = {
    v: 1,
    kind: 'comment.submitted',
    log: '0d7f7a52-51d4-4bd6-9a8e-000000000001',
    at: '2026-11-02T10:00:00.000Z',
    comment: 'c1',
    commitments: { text: toHex(sealed.commitment) },
  };

  it('commit to the canonical text under the entry salt; the leaf is the commitment’s leaf hash', () => {
    const leaf = entryLeaf(entry, salt(2));
    expect(leaf.text).toBe(canonicalJson(entry as never));
    expect(leaf.commitment).toEqual(commit(salt(2), canonicalBytes(entry as never)));
    expect(leaf.leafHash).toEqual(leafHash(leaf.commitment));
  });

  it('parse only their one canonical text', () => {
    const { text: canonical } = entryLeaf(entry, salt(2));
    expect(parseEntry(canonical)).toEqual(entry);
    expect(parseEntry(JSON.stringify(entry, null, 1))).toBeNull();
    expect(parseEntry(canonical.replace('"v":1', '"v":2'))).toBeNull();
    expect(parseEntry(canonical.replace('10:00:00.000Z', '10:00:00Z'))).toBeNull();
    expect(parseEntry(canonical.replace(toHex(sealed.commitment), toHex(sealed.commitment).toUpperCase()))).toBeNull();
    expect(parseEntry('{"v":1')).toBeNull();
    expect(parseEntry(42)).toBeNull();
  });

  it('open a sealed part with its salt and value, whatever the value’s key order', () => {
    expect(checkOpening(entry, 'text', { salt: toHex(salt(1)), value: { revision: 1, language: 'en', body: 'I support option B.' } })).toEqual({ valid: true });
  });

  it('say why an opening fails: another text, another salt, no such part, a malformed salt', () => {
    expect(checkOpening(entry, 'text', { salt: toHex(salt(1)), value: { ...text, body: 'I oppose option B.' } })).toEqual({ valid: false, reason: 'commitment-mismatch' });
    expect(checkOpening(entry, 'text', { salt: toHex(salt(3)), value: text })).toEqual({ valid: false, reason: 'commitment-mismatch' });
    expect(checkOpening(entry, 'byline', { salt: toHex(salt(1)), value: text })).toEqual({ valid: false, reason: 'no-such-commitment' });
    expect(checkOpening(entry, 'text', { salt: 'AB'.repeat(32), value: text })).toEqual({ valid: false, reason: 'malformed-opening' });
    expect(checkOpening(entry, 'text', { salt: toHex(salt(1)), value: { n: Number.NaN } })).toEqual({ valid: false, reason: 'malformed-opening' });
  });
});
