import { utf8ToBytes } from '@noble/hashes/utils.js';
import { HASH_SIZE, equalBytes, parseHex } from './bytes';
import { canonicalBytes, canonicalJson, type JsonValue } from './canonical-json';
import { commit, newSalt, SALT_SIZE } from './commitment';
import { leafHash } from './merkle';
import { fail, VALID, type Verdict } from './verdict';

/**
 * An entry of a consultation record (format v1): a JSON object whose canonical text (RFC 8785) is
 * what the log commits to. Its public fields say what happened (`kind`), in which log (`log`, the
 * period's id), when (`at`, ISO 8601 in milliseconds) and to what (ids, dispositions, times). Anything
 * that may have to leave public view later — a comment's text, its byline, a moderation reason, an
 * answer — is not in the entry but *sealed*: the entry holds `commitments[name]`, a salted commitment
 * to that part, and the part's salt is kept beside the entry. Publishing a part means publishing its
 * value and salt (an *opening*); withholding it later (a hidden comment) leaves the entry, the tree and
 * every proof exactly as they were, and the salt makes the withheld value unguessable from its hash.
 *
 * The entry itself is committed to with its own salt (`commit(salt, canonical entry)`), which is
 * public along with the entry: the leaf of the Merkle tree is that commitment, as for any receipt
 * (receipt.ts).
 */
export interface RecordEntry {
  readonly v: typeof ENTRY_VERSION;
  readonly kind: string;
  readonly log: string;
  readonly at: string;
  /** Sealed parts by name (`text`, `byline`, `reason`, `response`): lower-case hex commitments. */
  readonly commitments?: { readonly [name: string]: string };
  readonly [field: string]: JsonValue | undefined;
}

export const ENTRY_VERSION = 1;

/** A sealed part made public: its salt (hex) and its value (any JSON; it is canonicalised to check). */
export interface Opening {
  readonly salt: string;
  readonly value: JsonValue;
}

export type OpeningFailure = 'malformed-entry' | 'no-such-commitment' | 'malformed-opening' | 'commitment-mismatch';

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Seals `value`: a fresh salt (or the one given) and `commit(salt, canonicalBytes(value))`. */
export function sealPart(value: JsonValue, salt: Uint8Array = newSalt()): { salt: Uint8Array; commitment: Uint8Array } {
  return { salt, commitment: commit(salt, canonicalBytes(value)) };
}

/** What the log stores for an entry: its canonical text, the commitment under `salt`, and the leaf hash. */
export function entryLeaf(entry: RecordEntry, salt: Uint8Array): { text: string; commitment: Uint8Array; leafHash: Uint8Array } {
  const text = canonicalJson(entry as JsonValue);
  const commitment = commit(salt, utf8ToBytes(text));
  return { text, commitment, leafHash: leafHash(commitment) };
}

/**
 * The entry of `text`, or null unless it is a v1 entry in its one canonical text: parsing and
 * re-serialising must give the same characters, so that the bytes hashed are the bytes shown.
 */
export function parseEntry(text: unknown): RecordEntry | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (canonicalJson(value as JsonValue) !== text) return null;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  if (entry.v !== ENTRY_VERSION || typeof entry.kind !== 'string' || typeof entry.log !== 'string') return null;
  if (typeof entry.at !== 'string' || !ISO_MILLIS.test(entry.at)) return null;
  const commitments = entry.commitments;
  if (commitments !== undefined) {
    if (typeof commitments !== 'object' || commitments === null || Array.isArray(commitments)) return null;
    if (!Object.values(commitments).every((hash) => parseHex(hash, HASH_SIZE) !== null)) return null;
  }
  return value as RecordEntry;
}

/**
 * Does `opening` open the part `name` of `entry`? Never throws: openings come from archives and
 * receipts, and "it does not match" is the answer a verifier prints (naming the entry).
 */
export function checkOpening(entry: RecordEntry, name: string, opening: Opening): Verdict<OpeningFailure> {
  if (typeof entry !== 'object' || entry === null) return fail('malformed-entry');
  const expected = parseHex(entry.commitments?.[name], HASH_SIZE);
  if (!expected) return fail('no-such-commitment');
  const salt = parseHex(opening?.salt, SALT_SIZE);
  if (!salt) return fail('malformed-opening');
  let actual: Uint8Array;
  try {
    actual = commit(salt, canonicalBytes(opening.value));
  } catch {
    return fail('malformed-opening');
  }
  return equalBytes(actual, expected) ? VALID : fail('commitment-mismatch');
}
