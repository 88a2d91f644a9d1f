import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  MerkleLog,
  checkOpening,
  commit,
  equalBytes,
  keyIdOf,
  leafHash,
  parseEntry,
  parseHex,
  publicKeyFromPem,
  toHex,
  verifyConsistency,
  verifySignedTreeHead,
  type JsonValue,
  type RecordEntry,
} from '../index';
import type { PublishedKey, RecordArchive } from './archive';
import { entryAt, type Problems } from './problems';

/** A sealed part the archive opens, and whether the opening matches the entry's commitment. */
export interface OpenedPart {
  readonly value: JsonValue;
  readonly valid: boolean;
}

/** An entry as checked: its parsed content (null when unreadable) and its openings. */
export interface CheckedEntry {
  readonly index: number;
  readonly entry: RecordEntry | null;
  readonly openings: ReadonlyMap<string, OpenedPart>;
}

export interface ArchiveCounts {
  entries: number;
  heads: number;
  keys: number;
  openings: number;
  consistencyChecks: number;
}

const bytes32 = (hex: unknown): Uint8Array | null => parseHex(hex, 32);

/**
 * The trusted keys: those of `--keys` (fetched from the well-known address, independently of the
 * archive) when given, else the archive's own. Either way each key must be what it says: its id
 * the SHA-256 of its raw bytes, its PEM the same key.
 */
export function trustedKeys(archive: RecordArchive, published: readonly PublishedKey[] | null, problems: Problems): Uint8Array[] {
  const check = (key: PublishedKey, where: string): Uint8Array | null => {
    const raw = parseHex(key.publicKey, 32);
    if (!raw || key.algorithm !== 'Ed25519') {
      problems.add(where, 'not a raw Ed25519 public key in lower-case hex');
      return null;
    }
    if (key.keyId !== keyIdOf(raw)) problems.add(where, 'its keyId is not the SHA-256 of its public key');
    if (key.publicKeyPem !== undefined) {
      let pem: Uint8Array | null = null;
      try {
        pem = publicKeyFromPem(key.publicKeyPem);
      } catch {
        pem = null;
      }
      if (!pem || !equalBytes(pem, raw)) problems.add(where, 'its PEM is not the same key as its publicKey');
    }
    return raw;
  };
  const own = archive.keys.map((key, i) => check(key, `archive key ${i} (${String(key.keyId).slice(0, 16)}…)`));
  if (!published) return own.filter((k): k is Uint8Array => k !== null);
  const trusted = published.map((key, i) => check(key, `published key ${i} (${String(key.keyId).slice(0, 16)}…)`)).filter((k): k is Uint8Array => k !== null);
  archive.keys.forEach((key, i) => {
    if (!trusted.some((k) => keyIdOf(k) === key.keyId)) problems.add(`archive key ${i} (${String(key.keyId).slice(0, 16)}…)`, 'is not among the published keys (--keys)');
  });
  return trusted;
}

/** Every entry (canonical, v1, this log, leaf hash, in place), every opening, and the tree they make. */
function checkEntries(archive: RecordArchive, problems: Problems): { checked: CheckedEntry[]; tree: MerkleLog; openings: number } {
  const tree = new MerkleLog();
  const checked: CheckedEntry[] = [];
  let openings = 0;
  let expected = 0;
  for (const item of archive.entries) {
    const entry = parseEntry(item.entry);
    // named by the index the archive gives it, which is what a reader finds in the file
    const numbered = Number.isSafeInteger(item.index) && item.index >= 0;
    const at = entryAt(numbered ? item.index : tree.size, entry?.kind);
    if (!numbered) problems.add(at, `has no index (it is at position ${tree.size})`);
    else if (item.index > expected) problems.add(`entry ${expected}`, `is missing${item.index - 1 > expected ? ` (through entry ${item.index - 1})` : ''}: the archive goes on with entry ${item.index}`);
    else if (item.index < expected) problems.add(at, `is repeated or out of order (entry ${expected} was expected)`);
    if (numbered) expected = Math.max(expected, item.index + 1);
    const salt = parseHex(item.salt, 32);
    if (!entry) problems.add(at, 'is not a canonical v1 entry');
    else if (entry.log !== archive.log) problems.add(at, `belongs to log ${entry.log}, not ${archive.log}`);
    if (!salt || typeof item.entry !== 'string') {
      problems.add(at, 'has no valid salt');
      tree.append(bytes32(item.leafHash) ?? new Uint8Array(32));
      checked.push({ index: tree.size - 1, entry, openings: new Map() });
      continue;
    }
    const leaf = leafHash(commit(salt, utf8ToBytes(item.entry)));
    if (toHex(leaf) !== item.leafHash) problems.add(at, 'leaf hash does not match its entry and salt');
    // the tree is built from what the entry hashes to, not from the leaf hash the archive claims
    tree.append(leaf);
    const opened = new Map<string, OpenedPart>();
    for (const [name, opening] of Object.entries(item.openings ?? {})) {
      openings += 1;
      const verdict = entry ? checkOpening(entry, name, opening) : { valid: false as const, reason: 'malformed-entry' };
      if (!verdict.valid) problems.add(at, verdict.reason === 'commitment-mismatch' ? `${name} does not match its commitment` : `${name} cannot be opened (${verdict.reason})`);
      opened.set(name, { value: opening?.value ?? null, valid: verdict.valid });
    }
    checked.push({ index: tree.size - 1, entry, openings: opened });
  }
  return { checked, tree, openings };
}

/** Every head: signed by the key it names, for this log, its root that of the entries, each consistent with the one before. */
function checkHeads(archive: RecordArchive, tree: MerkleLog, keys: Uint8Array[], problems: Problems): number {
  let consistency = 0;
  let previous: { treeSize: number; root: Uint8Array; timestamp: number; matches: boolean } | null = null;
  for (const head of archive.heads) {
    const at = `head of size ${String(head.treeSize)}`;
    const signed = verifySignedTreeHead(head, keys);
    if (!signed.valid) problems.add(at, signed.reason === 'unknown-key' ? `signed by key ${String(head.keyId)}, which is not a trusted key` : `signature does not verify (${signed.reason})`);
    if (head.logId !== archive.log) problems.add(at, `is a head of log ${String(head.logId)}, not ${archive.log}`);
    const root = bytes32(head.rootHash);
    if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0 || !root) {
      problems.add(at, 'is malformed');
      continue;
    }
    if (head.treeSize > tree.size) {
      problems.add(at, `covers ${head.treeSize} entries but the archive holds ${tree.size}`);
      continue;
    }
    const matches = equalBytes(tree.root(head.treeSize), root);
    if (!matches) problems.add(at, `root hash does not match entries 0–${head.treeSize - 1}`);
    if (previous) {
      if (head.treeSize <= previous.treeSize) problems.add(at, `follows a head of size ${previous.treeSize}: heads must grow`);
      else if (previous.treeSize > 0 && previous.matches && matches) {
        // Both roots were recomputed from the same entries, so the older tree is a prefix of the newer; the
        // proof makes that explicit as a monitor holding only the two heads would check it (and is not
        // run when a root already failed, which would only repeat that problem).
        const proof = tree.consistencyProof(previous.treeSize, head.treeSize);
        const verdict = verifyConsistency(previous.treeSize, head.treeSize, previous.root, root, proof);
        consistency += 1;
        if (!verdict.valid) problems.add(at, `is not consistent with the head of size ${previous.treeSize} (${verdict.reason})`);
      }
      if (head.timestamp < previous.timestamp) problems.add(at, `is dated before the head of size ${previous.treeSize}`);
    }
    previous = { treeSize: head.treeSize, root, timestamp: head.timestamp, matches };
  }
  const last = archive.heads[archive.heads.length - 1];
  if (!last) problems.add('archive', 'holds no signed head');
  else if (last.treeSize !== archive.entries.length) problems.add('archive', `its newest head covers ${last.treeSize} entries, but it holds ${archive.entries.length}`);
  if (archive.treeSize !== archive.entries.length) problems.add('archive', `says it holds ${archive.treeSize} entries but holds ${archive.entries.length}`);
  return consistency;
}

export function checkArchive(archive: RecordArchive, published: readonly PublishedKey[] | null, problems: Problems): { checked: CheckedEntry[]; counts: ArchiveCounts } {
  const keys = trustedKeys(archive, published, problems);
  const { checked, tree, openings } = checkEntries(archive, problems);
  const consistencyChecks = checkHeads(archive, tree, keys, problems);
  return { checked, counts: { entries: checked.length, heads: archive.heads.length, keys: keys.length, openings, consistencyChecks } };
}
