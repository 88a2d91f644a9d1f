import { HASH_SIZE, equalBytes, isByteArray, isCount, parseHex, toHex } from './bytes';
import { commit, SALT_SIZE } from './commitment';
import { leafHash } from './merkle';
import type { MerkleLog } from './merkle-log';
import { verifyInclusion, type InclusionFailure } from './merkle-verify';
import { verifySignedTreeHead, type SignedTreeHead, type TreeHeadFailure } from './tree-head';

/**
 * What a participant keeps after submitting an entry: enough to prove, to anyone and without the
 * server, that the log holds exactly that entry at that position. Plain JSON (hex strings,
 * numbers), so it can be saved, mailed and checked by the web app or the offline verifier.
 */
export interface Receipt {
  readonly version: 1;
  readonly entryIndex: number;
  /** leafHash(commit(salt, canonical entry)), hex. */
  readonly leafHash: string;
  /** The commitment's salt, hex: with it the holder can open the commitment; without it no one can guess the entry. */
  readonly salt: string;
  readonly treeHead: SignedTreeHead;
  /** PATH(entryIndex, D[treeHead.treeSize]), bottom to top, hex. Absent when issued before the head that covers the entry. */
  readonly inclusionProof?: readonly string[];
}

/** The entry a receipt is checked against: its canonical bytes, or the commitment if that is all the checker has. */
export type ReceiptSubject = { readonly entryBytes: Uint8Array } | { readonly commitment: Uint8Array };

export type ReceiptCheck = 'format' | 'signature' | 'commitment' | 'inclusion';

export type ReceiptVerdict =
  | { readonly valid: true }
  | {
      readonly valid: false;
      /** Which check failed, in the order they run: format, signature, commitment, inclusion. */
      readonly failed: ReceiptCheck;
      readonly reason: TreeHeadFailure | InclusionFailure | 'malformed-receipt' | 'malformed-subject' | 'leaf-hash-mismatch' | 'missing-proof';
    };

/**
 * Checks a receipt: the tree head is signed by one of the log's `trustedKeys` (found by key id),
 * the entry (or commitment) and salt give the receipt's leaf hash, and the inclusion proof takes
 * that leaf to the signed root at `entryIndex`. Never throws: the receipt may come from anywhere.
 *
 * A receipt without an inclusion proof fails with `missing-proof`: the signature covers only the
 * tree head, so until a proof links the leaf to that head nothing in the receipt is signed.
 */
export function verifyReceipt(receipt: Receipt, subject: ReceiptSubject, trustedKeys: readonly Uint8Array[]): ReceiptVerdict {
  const parsed = parseReceipt(receipt);
  if (!parsed) return { valid: false, failed: 'format', reason: 'malformed-receipt' };
  const commitment = commitmentOf(subject, parsed.salt);
  if (!commitment) return { valid: false, failed: 'format', reason: 'malformed-subject' };

  const signature = verifySignedTreeHead(receipt.treeHead, trustedKeys);
  if (!signature.valid) return { valid: false, failed: 'signature', reason: signature.reason };

  if (!equalBytes(leafHash(commitment), parsed.leafHash)) return { valid: false, failed: 'commitment', reason: 'leaf-hash-mismatch' };

  if (!parsed.proof) return { valid: false, failed: 'inclusion', reason: 'missing-proof' };
  const inclusion = verifyInclusion(parsed.leafHash, receipt.entryIndex, receipt.treeHead.treeSize, parsed.proof, parsed.root);
  if (!inclusion.valid) return { valid: false, failed: 'inclusion', reason: inclusion.reason };
  return { valid: true };
}

/**
 * The receipt for the entry at `entryIndex`, with its inclusion proof in the tree the head
 * covers. For the server, which holds the log, the salt and a head it has signed; throws if the
 * head is not of this log's tree or does not cover the entry.
 */
export function issueReceipt(log: MerkleLog, entryIndex: number, salt: Uint8Array, treeHead: SignedTreeHead): Receipt {
  if (toHex(log.root(treeHead.treeSize)) !== treeHead.rootHash) throw new RangeError('the tree head is not of this log');
  return {
    version: 1,
    entryIndex,
    leafHash: toHex(log.leafHash(entryIndex)),
    salt: toHex(salt),
    treeHead,
    inclusionProof: log.inclusionProof(entryIndex, treeHead.treeSize).map(toHex),
  };
}

interface ParsedReceipt {
  readonly leafHash: Uint8Array;
  readonly salt: Uint8Array;
  readonly root: Uint8Array;
  readonly proof: Uint8Array[] | null;
}

/** The receipt's bytes, or null when any field is missing or not in its one canonical form. */
function parseReceipt(receipt: unknown): ParsedReceipt | null {
  if (typeof receipt !== 'object' || receipt === null) return null;
  const { version, entryIndex, leafHash: leaf, salt, treeHead, inclusionProof } = receipt as Record<string, unknown>;
  if (version !== 1 || !isCount(entryIndex) || typeof treeHead !== 'object' || treeHead === null) return null;
  const parsedLeaf = parseHex(leaf, HASH_SIZE);
  const parsedSalt = parseHex(salt, SALT_SIZE);
  const root = parseHex((treeHead as Record<string, unknown>).rootHash, HASH_SIZE);
  if (!parsedLeaf || !parsedSalt || !root) return null;
  if (inclusionProof === undefined) return { leafHash: parsedLeaf, salt: parsedSalt, root, proof: null };
  if (!Array.isArray(inclusionProof)) return null;
  const proof = inclusionProof.map((hash: unknown) => parseHex(hash, HASH_SIZE));
  if (!proof.every((hash): hash is Uint8Array => hash !== null)) return null;
  return { leafHash: parsedLeaf, salt: parsedSalt, root, proof };
}

function commitmentOf(subject: ReceiptSubject, salt: Uint8Array): Uint8Array | null {
  if (typeof subject !== 'object' || subject === null) return null;
  if ('commitment' in subject) return isByteArray(subject.commitment) && subject.commitment.length === HASH_SIZE ? subject.commitment : null;
  if ('entryBytes' in subject && isByteArray(subject.entryBytes)) return commit(salt, subject.entryBytes);
  return null;
}
