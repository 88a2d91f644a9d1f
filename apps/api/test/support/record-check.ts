import {
  type JsonValue,
  type Receipt,
  type SignedTreeHead,
  MerkleLog,
  checkOpening,
  commit,
  equalBytes,
  leafHash,
  parseEntry,
  parseHex,
  toHex,
  verifyReceipt,
  verifySignedTreeHead,
} from '@intersessional/record';

/**
 * The checks a participant or a verifier runs on what the record publishes, written against
 * @intersessional/record only (no server code): each problem names the entry or head it is about.
 */

export interface PublishedKeys {
  keys: { keyId: string; algorithm: string; publicKey: string; publicKeyPem: string; since: string }[];
}

export interface Opening {
  name: string;
  salt: string;
  value: JsonValue;
}

export interface CommentReceipt {
  receipt: Omit<Receipt, 'version'> & { version: number };
  entry: string;
  openings: Opening[];
}

export interface ArchiveEntry {
  index: number;
  entry: string;
  salt: string;
  leafHash: string;
  openings?: Record<string, { salt: string; value: JsonValue }>;
}

export interface Archive {
  format: string;
  log: string;
  audience: string;
  treeSize: number;
  keys: PublishedKeys['keys'];
  heads: SignedTreeHead[];
  entries: ArchiveEntry[];
}

/** GraphQL for a receipt, field for field what `CommentReceipt` holds. */
export const RECEIPT_FIELDS = `recordReceipt { entry openings { name salt value } receipt { version entryIndex leafHash salt inclusionProof treeHead { logId treeSize rootHash timestamp keyId signature } } }`;

export const trustedKeys = (published: { keys: { publicKey: string }[] }): Uint8Array[] =>
  published.keys.map((k) => parseHex(k.publicKey, 32)).filter((k): k is Uint8Array => k !== null);

/** A comment receipt: signed head, entry in the tree, and every opening against the entry's commitments. */
export function receiptProblems(receipt: CommentReceipt, keys: Uint8Array[]): string[] {
  const index = receipt.receipt.entryIndex;
  const verdict = verifyReceipt(receipt.receipt as Receipt, { entryBytes: new TextEncoder().encode(receipt.entry) }, keys);
  if (!verdict.valid) return [`entry ${index}: ${verdict.failed} (${verdict.reason})`];
  const entry = parseEntry(receipt.entry);
  if (!entry) return [`entry ${index}: not a canonical v1 entry`];
  return receipt.openings.flatMap((o) => {
    const opened = checkOpening(entry, o.name, { salt: o.salt, value: o.value });
    return opened.valid ? [] : [`entry ${index}: ${o.name} (${opened.reason})`];
  });
}

/** A whole archive: every head's signature, every entry's leaf, every opening, and every head's root over the entries. */
export function archiveProblems(archive: Archive): string[] {
  const problems: string[] = [];
  const keys = trustedKeys(archive);
  const tree = new MerkleLog();
  for (const item of archive.entries) {
    if (item.index !== tree.size) problems.push(`entry ${item.index}: out of place (expected ${tree.size})`);
    const entry = parseEntry(item.entry);
    const salt = parseHex(item.salt, 32);
    if (!entry || !salt || entry.log !== archive.log) {
      problems.push(`entry ${item.index}: malformed`);
      continue;
    }
    const leaf = leafHash(commit(salt, new TextEncoder().encode(item.entry)));
    if (toHex(leaf) !== item.leafHash) problems.push(`entry ${item.index}: leaf hash does not match its entry and salt`);
    tree.append(leaf);
    for (const [name, opening] of Object.entries(item.openings ?? {})) {
      const opened = checkOpening(entry, name, opening);
      if (!opened.valid) problems.push(`entry ${item.index}: ${name} (${opened.reason})`);
    }
  }
  for (const head of archive.heads) {
    const signed = verifySignedTreeHead(head, keys);
    if (!signed.valid) problems.push(`head ${head.treeSize}: ${signed.reason}`);
    if (head.treeSize > tree.size) problems.push(`head ${head.treeSize}: beyond the ${tree.size} entries`);
    else if (!equalBytes(tree.root(head.treeSize), parseHex(head.rootHash, 32) ?? new Uint8Array())) problems.push(`head ${head.treeSize}: root does not match the entries`);
  }
  return problems;
}
