import {
  checkOpening,
  commit,
  equalBytes,
  HASH_SIZE,
  leafHash,
  parseEntry,
  parseHex,
  type RecordEntry,
  SALT_SIZE,
  type SignedTreeHead,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  verifySignedTreeHead,
} from '@intersessional/record';
import { RECEIPT_FORMAT } from './receipt-file';

/**
 * The checks /verify runs, in the browser, with @intersessional/record only: the server supplies
 * data (keys, newer heads, proofs), never a verdict. Each check is independent where it can be, so
 * a tampered receipt shows which part no longer holds; a check that needs a part an earlier one
 * found broken is `skipped`, never "passed".
 */
export type CheckId = 'file' | 'signature' | 'commitment' | 'inclusion' | 'text' | 'byline' | 'pasted' | 'latestSignature' | 'consistency' | 'latestInclusion' | 'published';

export type Reason =
  | 'notJson'
  | 'notReceipt'
  | 'otherFormat'
  | 'entryNotCanonical'
  | 'keysUnavailable'
  | 'unknownKey'
  | 'badSignature'
  | 'malformed'
  | 'leafMismatch'
  | 'otherLog'
  | 'inclusionFailed'
  | 'openingMismatch'
  | 'pastedDiffers'
  | 'latestUnavailable'
  | 'consistencyFailed'
  | 'noSuchHead'
  | 'earlierFailed'
  | 'publishedUnavailable'
  | 'notPublic'
  | 'hiddenNow'
  | 'withdrawnNow'
  | 'editedSince'
  | 'publishedDiffers';

export interface Check {
  id: CheckId;
  status: 'passed' | 'failed' | 'skipped';
  reason?: Reason;
  /** Values the check's message shows (entry index, key id, sizes, times). */
  values?: Record<string, string | number>;
}

export interface ParsedReceipt {
  receipt: {
    version: 1;
    entryIndex: number;
    leafHash: string;
    salt: string;
    treeHead: SignedTreeHead;
    inclusionProof: string[];
  };
  entryText: string;
  entry: RecordEntry;
  openings: Map<string, { salt: string; value: unknown }>;
}

export interface PublishedKey {
  keyId: string;
  publicKey: Uint8Array;
}

/** The receipt file (or the `recordReceipt` object as the API gives it), or why it is not one. */
export function readReceipt(text: string): { ok: true; parsed: ParsedReceipt } | { ok: false; check: Check } {
  const failed = (reason: Reason): { ok: false; check: Check } => ({ ok: false, check: { id: 'file', status: 'failed', reason } });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failed('notJson');
  }
  if (!isObject(value)) return failed('notReceipt');
  if (value.format !== undefined && value.format !== RECEIPT_FORMAT) return failed('otherFormat');
  const { receipt, entry, openings } = value;
  if (!isObject(receipt) || !isObject(receipt.treeHead) || typeof entry !== 'string' || !(openings === undefined || Array.isArray(openings))) return failed('notReceipt');
  if (typeof receipt.entryIndex !== 'number' || !Number.isSafeInteger(receipt.entryIndex) || receipt.entryIndex < 0) return failed('notReceipt');
  const parsedEntry = parseEntry(entry);
  if (!parsedEntry) return failed('entryNotCanonical');
  const byName = new Map<string, { salt: string; value: unknown }>();
  for (const opening of openings ?? []) {
    if (!isObject(opening) || typeof opening.name !== 'string' || typeof opening.salt !== 'string') return failed('notReceipt');
    byName.set(opening.name, { salt: opening.salt, value: opening.value });
  }
  return { ok: true, parsed: { receipt: receipt as unknown as ParsedReceipt['receipt'], entryText: entry, entry: parsedEntry, openings: byName } };
}

/** The keys of `GET /.well-known/intersessional-record-keys` that are well formed. */
export function readKeys(json: unknown): PublishedKey[] {
  const list = isObject(json) && Array.isArray(json.keys) ? json.keys : [];
  return list.flatMap((key: unknown) => {
    if (!isObject(key) || typeof key.keyId !== 'string') return [];
    const publicKey = parseHex(key.publicKey, 32);
    return publicKey ? [{ keyId: key.keyId, publicKey }] : [];
  });
}

/**
 * Everything the receipt proves by itself: the head's signature (with `keys`, or null when they
 * could not be fetched), the fingerprint of the entry, the entry in the signed tree, each opening,
 * and, when the person pasted what they wrote, that it is the recorded text.
 */
export function checkReceipt(parsed: ParsedReceipt, keys: PublishedKey[] | null, pasted: string): Check[] {
  const { receipt, entry, entryText } = parsed;
  const head = receipt.treeHead;
  const checks: Check[] = [{ id: 'file', status: 'passed', values: { index: receipt.entryIndex } }];

  checks.push(signatureCheck('signature', head, keys));

  const salt = parseHex(receipt.salt, SALT_SIZE);
  const leaf = parseHex(receipt.leafHash, HASH_SIZE);
  let commitmentOk = false;
  if (!salt || !leaf) checks.push({ id: 'commitment', status: 'failed', reason: 'malformed' });
  else if (!equalBytes(leafHash(commit(salt, new TextEncoder().encode(entryText))), leaf)) checks.push({ id: 'commitment', status: 'failed', reason: 'leafMismatch' });
  else if (entry.log !== head.logId) checks.push({ id: 'commitment', status: 'failed', reason: 'otherLog' });
  else {
    commitmentOk = true;
    checks.push({ id: 'commitment', status: 'passed', values: { fingerprint: receipt.leafHash.slice(0, 16) } });
  }

  const root = parseHex(head.rootHash, HASH_SIZE);
  const path = Array.isArray(receipt.inclusionProof) ? receipt.inclusionProof.map((h) => parseHex(h, HASH_SIZE)) : [null];
  if (!leaf || !root || path.some((h) => h === null)) checks.push({ id: 'inclusion', status: 'failed', reason: 'malformed' });
  else {
    const verdict = verifyInclusion(leaf, receipt.entryIndex, head.treeSize, path as Uint8Array[], root);
    checks.push(verdict.valid ? { id: 'inclusion', status: 'passed', values: { index: receipt.entryIndex, size: head.treeSize } } : { id: 'inclusion', status: 'failed', reason: 'inclusionFailed' });
  }

  // the library's own verdict on the whole receipt: the checks above must agree with it
  if (keys && checks.every((c) => c.status === 'passed')) {
    const whole = verifyReceipt(receipt, { entryBytes: new TextEncoder().encode(entryText) }, keys.map((k) => k.publicKey));
    if (!whole.valid) {
      const id: CheckId = whole.failed === 'signature' ? 'signature' : whole.failed === 'commitment' ? 'commitment' : whole.failed === 'inclusion' ? 'inclusion' : 'file';
      const at = checks.findIndex((c) => c.id === id);
      checks[at] = { id, status: 'failed', reason: id === 'signature' ? 'badSignature' : id === 'commitment' ? 'leafMismatch' : id === 'inclusion' ? 'inclusionFailed' : 'malformed' };
    }
  }

  for (const name of ['text', 'byline'] as const) {
    const opening = parsed.openings.get(name);
    if (!opening) continue;
    const verdict = checkOpening(entry, name, opening as never);
    checks.push(verdict.valid ? { id: name, status: commitmentOk ? 'passed' : 'skipped', reason: commitmentOk ? undefined : 'earlierFailed' } : { id: name, status: 'failed', reason: verdict.reason === 'commitment-mismatch' ? 'openingMismatch' : 'malformed' });
  }

  if (pasted.trim()) {
    const recorded = bodyOf(parsed.openings.get('text')?.value);
    const difference = recorded === null ? 0 : firstDifference(normalise(pasted), normalise(recorded));
    const textCheck = checks.find((c) => c.id === 'text');
    if (difference === -1 && textCheck?.status === 'passed') checks.push({ id: 'pasted', status: 'passed' });
    else if (difference === -1) checks.push({ id: 'pasted', status: 'skipped', reason: 'earlierFailed' });
    else checks.push({ id: 'pasted', status: 'failed', reason: 'pastedDiffers', values: { position: difference + 1 } });
  }
  return checks;
}

/** What the server answered; `'no-such-head'` when it has no signed head of the receipt's size, null when it could not be asked. */
export interface Latest {
  head: SignedTreeHead;
  inclusion: { path: string[] } | null;
  consistency: { path: string[] } | 'no-such-head' | null;
}

/**
 * Against the period's newest head: it is signed, the receipt's tree is a prefix of it (consistency
 * from the receipt's own signed root, not the server's copy of it), and the entry is in it.
 */
export function checkLatest(parsed: ParsedReceipt, latest: Latest | null, keys: PublishedKey[] | null): Check[] {
  if (!latest) return (['latestSignature', 'consistency', 'latestInclusion'] as const).map((id) => ({ id, status: 'failed', reason: 'latestUnavailable' }));
  const { receipt } = parsed;
  const checks: Check[] = [signatureCheck('latestSignature', latest.head, keys)];
  if (checks[0]?.status === 'passed') checks[0].values = { ...checks[0].values, size: latest.head.treeSize };
  const oldRoot = parseHex(receipt.treeHead.rootHash, HASH_SIZE);
  const newRoot = parseHex(latest.head.rootHash, HASH_SIZE);
  const consistencyPath = latest.consistency && latest.consistency !== 'no-such-head' ? latest.consistency.path.map((h) => parseHex(h, HASH_SIZE)) : [];
  if (latest.consistency === 'no-such-head') checks.push({ id: 'consistency', status: 'failed', reason: 'noSuchHead', values: { size: receipt.treeHead.treeSize } });
  else if (latest.consistency === null) checks.push({ id: 'consistency', status: 'failed', reason: 'latestUnavailable' });
  else if (!oldRoot || !newRoot || consistencyPath.some((h) => h === null) || latest.head.logId !== receipt.treeHead.logId) checks.push({ id: 'consistency', status: 'failed', reason: 'malformed' });
  else {
    const verdict = verifyConsistency(receipt.treeHead.treeSize, latest.head.treeSize, oldRoot, newRoot, consistencyPath as Uint8Array[]);
    checks.push(verdict.valid ? { id: 'consistency', status: 'passed', values: { from: receipt.treeHead.treeSize, to: latest.head.treeSize } } : { id: 'consistency', status: 'failed', reason: 'consistencyFailed' });
  }
  const leaf = parseHex(receipt.leafHash, HASH_SIZE);
  const inclusionPath = latest.inclusion ? latest.inclusion.path.map((h) => parseHex(h, HASH_SIZE)) : [];
  if (!latest.inclusion) checks.push({ id: 'latestInclusion', status: 'failed', reason: 'latestUnavailable' });
  else if (!leaf || !newRoot || inclusionPath.some((h) => h === null)) checks.push({ id: 'latestInclusion', status: 'failed', reason: 'malformed' });
  else {
    const verdict = verifyInclusion(leaf, receipt.entryIndex, latest.head.treeSize, inclusionPath as Uint8Array[], newRoot);
    checks.push(verdict.valid ? { id: 'latestInclusion', status: 'passed', values: { index: receipt.entryIndex, size: latest.head.treeSize } } : { id: 'latestInclusion', status: 'failed', reason: 'inclusionFailed' });
  }
  return checks;
}

/** The comment as shown now; `'not-public'` when it is not published (held, rejected, no consent, or not found); null when it could not be fetched. */
export type Published = { body: string; suggestion: string | null; hidden: boolean; withdrawn: boolean; revision: number } | 'not-public' | null;

/**
 * What the site shows now against what the receipt opened: the record proves what was written, this
 * shows whether it is still what is published (a rewrite in the database after the fact fails here,
 * naming the entry). Hidden, withdrawn and later edited comments are not compared: their current
 * text is not, or no longer, the one this entry commits to. No check for entries without a text.
 */
export function checkPublished(parsed: ParsedReceipt, published: Published): Check[] {
  const opened = parsed.openings.get('text')?.value;
  if (typeof parsed.entry.comment !== 'string' || !isObject(opened) || typeof opened.body !== 'string') return [];
  const index = parsed.receipt.entryIndex;
  const skipped = (reason: Reason, values?: Check['values']): Check[] => [{ id: 'published', status: 'skipped', reason, values }];
  if (published === null) return [{ id: 'published', status: 'failed', reason: 'publishedUnavailable' }];
  if (published === 'not-public') return skipped('notPublic');
  if (published.withdrawn) return skipped('withdrawnNow');
  if (published.hidden) return skipped('hiddenNow');
  if (typeof opened.revision === 'number' && published.revision !== opened.revision) return skipped('editedSince', { index });
  const openedSuggestion = typeof opened.suggestion === 'string' ? opened.suggestion : '';
  const inBody = firstDifference(published.body, opened.body);
  const inSuggestion = firstDifference(published.suggestion ?? '', openedSuggestion);
  if (inBody !== -1) return [{ id: 'published', status: 'failed', reason: 'publishedDiffers', values: { index, part: 'text', position: inBody + 1 } }];
  if (inSuggestion !== -1) return [{ id: 'published', status: 'failed', reason: 'publishedDiffers', values: { index, part: 'suggestion', position: inSuggestion + 1 } }];
  return [{ id: 'published', status: 'passed', values: { index } }];
}

function signatureCheck(id: 'signature' | 'latestSignature', head: SignedTreeHead, keys: PublishedKey[] | null): Check {
  if (!keys) return { id, status: 'failed', reason: 'keysUnavailable' };
  const verdict = verifySignedTreeHead(head, keys.map((k) => k.publicKey));
  const values = { keyId: String(head.keyId ?? ''), size: head.treeSize, time: head.timestamp };
  if (verdict.valid) return { id, status: 'passed', values };
  const reason: Reason = verdict.reason === 'unknown-key' ? 'unknownKey' : verdict.reason === 'bad-signature' || verdict.reason === 'key-id-mismatch' ? 'badSignature' : 'malformed';
  return { id, status: 'failed', reason, values };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bodyOf(value: unknown): string | null {
  return isObject(value) && typeof value.body === 'string' ? value.body : null;
}

/** What a paste changes without changing the words: line endings, Unicode composition, outer blanks. */
function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/** The index of the first character where `a` and `b` differ, or -1 when they are the same. */
function firstDifference(a: string, b: string): number {
  if (a === b) return -1;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}
