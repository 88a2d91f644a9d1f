import { describe, expect, it } from '@jest/globals';
import { entryLeaf, keyIdOf, MerkleLog, publicKeyOf, type RecordEntry, sealPart, signTreeHead, type SignedTreeHead, toHex } from '@intersessional/record';
import { checkLatest, checkPublished, checkReceipt, type Check, readReceipt } from './check-receipt';
import { RECEIPT_FORMAT } from './receipt-file';

const bytes = (seed: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 131 + seed * 17) & 0xff);
const LOG = '6f1c2d9e-0000-4000-8000-000000000001';
const secret = bytes(1);
const keys = [{ keyId: keyIdOf(publicKeyOf(secret)), publicKey: publicKeyOf(secret) }];
const text = { revision: 1, body: 'Please define meaningful access.', bodyFormat: 'PLAIN', language: 'en', suggestion: null, anchor: null };

/** A period's log of `count` entries, the comment at `index`, and a signed head of any size. */
function record(count: number, index: number) {
  const log = new MerkleLog();
  const sealed = sealPart(text, bytes(50));
  const entries: { text: string; salt: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const entry: RecordEntry = i === index
      ? { v: 1, kind: 'comment.submitted', log: LOG, at: '2026-12-01T08:00:00.000Z', comment: 'c', commitments: { text: toHex(sealed.commitment) } }
      : { v: 1, kind: 'period.opened', log: LOG, at: '2026-12-01T07:00:00.000Z', opensAt: `n${i}` };
    const salt = bytes(100 + i);
    const leaf = entryLeaf(entry, salt);
    log.append(leaf.leafHash);
    entries.push({ text: leaf.text, salt });
  }
  const head = (size: number): SignedTreeHead => {
    const unsigned = { logId: LOG, treeSize: size, rootHash: toHex(log.root(size)), timestamp: 1_795_000_000_000 + size, keyId: keys[0]?.keyId ?? '' };
    return { ...unsigned, signature: signTreeHead(unsigned, secret) };
  };
  const file = (size: number) => ({
    format: RECEIPT_FORMAT,
    receipt: { version: 1, entryIndex: index, leafHash: toHex(log.leafHash(index)), salt: toHex(entries[index]?.salt ?? new Uint8Array()), treeHead: head(size), inclusionProof: log.inclusionProof(index, size).map(toHex) },
    entry: entries[index]?.text ?? '',
    openings: [{ name: 'text', salt: toHex(sealed.salt), value: text }],
  });
  return { log, head, file };
}

const statuses = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id, c.reason ? `${c.status}:${c.reason}` : c.status]));

describe('checking a comment receipt in the browser', () => {
  const { log, head, file } = record(9, 5);
  const parse = (value: unknown) => {
    const read = readReceipt(JSON.stringify(value));
    if (!read.ok) throw new Error(JSON.stringify(read.check));
    return read.parsed;
  };

  it('passes every check for a true receipt, with the text the author pasted, and against a later head', () => {
    const parsed = parse(file(6));
    expect(statuses(checkReceipt(parsed, keys, ' Please define meaningful access.\r\n'))).toEqual({ file: 'passed', signature: 'passed', commitment: 'passed', inclusion: 'passed', text: 'passed', pasted: 'passed' });
    const latest = { head: head(9), inclusion: { path: log.inclusionProof(5, 9).map(toHex) }, consistency: { path: log.consistencyProof(6, 9).map(toHex) } };
    expect(statuses(checkLatest(parsed, latest, keys))).toEqual({ latestSignature: 'passed', consistency: 'passed', latestInclusion: 'passed' });
  });

  it('names the check a changed character breaks', () => {
    const good = file(6);
    const flip = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);
    expect(statuses(checkReceipt(parse({ ...good, receipt: { ...good.receipt, leafHash: flip(good.receipt.leafHash) } }), keys, ''))).toMatchObject({ signature: 'passed', commitment: 'failed:leafMismatch', inclusion: 'failed:inclusionFailed' });
    expect(statuses(checkReceipt(parse({ ...good, receipt: { ...good.receipt, salt: flip(good.receipt.salt) } }), keys, ''))).toMatchObject({ commitment: 'failed:leafMismatch', inclusion: 'passed', text: 'skipped:earlierFailed' });
    expect(statuses(checkReceipt(parse({ ...good, receipt: { ...good.receipt, treeHead: { ...good.receipt.treeHead, treeSize: 7 } } }), keys, ''))).toMatchObject({ signature: 'failed:badSignature' });
    expect(statuses(checkReceipt(parse({ ...good, openings: [{ ...good.openings[0], value: { ...text, body: 'Something else.' } }] }), keys, ''))).toMatchObject({ commitment: 'passed', text: 'failed:openingMismatch' });
    expect(statuses(checkReceipt(parse(good), keys, 'Please define access.'))).toMatchObject({ pasted: 'failed:pastedDiffers' });
    expect(statuses(checkReceipt(parse(good), null, ''))).toMatchObject({ signature: 'failed:keysUnavailable', inclusion: 'passed' });
    expect(statuses(checkReceipt(parse(good), [{ keyId: 'x', publicKey: publicKeyOf(bytes(2)) }], ''))).toMatchObject({ signature: 'failed:unknownKey' });
  });

  it('refuses what is not a receipt, and a record that was rewritten after the receipt', () => {
    expect(readReceipt('{ not json')).toMatchObject({ ok: false, check: { reason: 'notJson' } });
    expect(readReceipt('{"receipt": {}}')).toMatchObject({ ok: false, check: { reason: 'notReceipt' } });
    expect(readReceipt(JSON.stringify({ ...file(6), format: 'intersessional/record-archive/v1' }))).toMatchObject({ ok: false, check: { reason: 'otherFormat' } });
    expect(readReceipt(JSON.stringify({ ...file(6), entry: file(6).entry.replace('{', '{ ') }))).toMatchObject({ ok: false, check: { reason: 'entryNotCanonical' } });

    const rewritten = record(9, 4); // another history of the same log: not an extension of the receipt's tree
    const latest = { head: rewritten.head(9), inclusion: { path: rewritten.log.inclusionProof(5, 9).map(toHex) }, consistency: { path: rewritten.log.consistencyProof(6, 9).map(toHex) } };
    expect(statuses(checkLatest(parse(file(6)), latest, keys))).toEqual({ latestSignature: 'passed', consistency: 'failed:consistencyFailed', latestInclusion: 'failed:inclusionFailed' });
    expect(statuses(checkLatest(parse(file(6)), { head: head(9), inclusion: null, consistency: 'no-such-head' }, keys))).toMatchObject({ consistency: 'failed:noSuchHead', latestInclusion: 'failed:latestUnavailable' });
  });

  it('compares the comment the site shows now with the opened text, and names the entry a rewrite broke', () => {
    const parsed = parse(file(6));
    const shown = { body: text.body, suggestion: null, hidden: false, withdrawn: false, revision: 1 };
    expect(checkPublished(parsed, shown)).toEqual([{ id: 'published', status: 'passed', values: { index: 5 } }]);
    expect(checkPublished(parsed, { ...shown, body: 'Please define universal access.' })).toEqual([
      { id: 'published', status: 'failed', reason: 'publishedDiffers', values: { index: 5, part: 'text', position: 15 } },
    ]);
    expect(checkPublished(parsed, { ...shown, suggestion: 'added later' })).toMatchObject([{ status: 'failed', reason: 'publishedDiffers', values: { part: 'suggestion', position: 1 } }]);
    // not compared, and not passed: hidden, withdrawn, edited since, not published; failed when the site did not answer
    expect(statuses(checkPublished(parsed, { ...shown, hidden: true, body: '' }))).toEqual({ published: 'skipped:hiddenNow' });
    expect(statuses(checkPublished(parsed, { ...shown, withdrawn: true }))).toEqual({ published: 'skipped:withdrawnNow' });
    expect(statuses(checkPublished(parsed, { ...shown, revision: 2, body: 'An edited text.' }))).toEqual({ published: 'skipped:editedSince' });
    expect(statuses(checkPublished(parsed, 'not-public'))).toEqual({ published: 'skipped:notPublic' });
    expect(statuses(checkPublished(parsed, null))).toEqual({ published: 'failed:publishedUnavailable' });
    // a receipt without the text opened has nothing to compare
    expect(checkPublished(parse({ ...file(6), openings: [] }), shown)).toEqual([]);
  });
});
