import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { HASH_SIZE, isByteArray, isCount, parseHex, toHex } from './bytes';
import { KEY_SIZE, keyIdOf, publicKeyOf } from './keys';
import { fail, VALID, type Verdict } from './verdict';

/**
 * A tree head: the log's signed statement "my tree of `treeSize` leaves has root `rootHash`".
 * Receipts prove inclusion against one; monitors compare successive ones with consistency proofs.
 * Hashes and ids are lower-case hex, like everywhere in the record.
 */
export interface TreeHead {
  /** The log: one log per consultation period, so this is the period's stable id (1–255 UTF-8 bytes). */
  readonly logId: string;
  readonly treeSize: number;
  /** MTH of the first `treeSize` leaves (64 hex digits). */
  readonly rootHash: string;
  /** When the log signed it, in milliseconds since the Unix epoch. */
  readonly timestamp: number;
  /** `keyIdOf` the public key that signs it; signed too, so a head cannot be relabelled to another key. */
  readonly keyId: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Ed25519 signature over `treeHeadBytes(head)` (128 hex digits). */
  readonly signature: string;
}

export type TreeHeadFailure = 'malformed-head' | 'malformed-signature' | 'malformed-key' | 'unknown-key' | 'key-id-mismatch' | 'bad-signature';

/** Domain separation and version: a signature over a v1 head can be read as nothing else. */
const TREE_HEAD_TAG = utf8ToBytes('intersessional/record/tree-head/v1');
const MAX_LOG_ID_BYTES = 255;
const SIGNATURE_SIZE = 64;
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The exact bytes signed, version 1 (all integers big-endian):
 *
 *     "intersessional/record/tree-head/v1"  34 bytes, ASCII
 *     0x00                                  1 byte, ends the tag
 *     len(logId)                            1 byte, 1–255
 *     logId                                 UTF-8
 *     treeSize                              8 bytes, unsigned
 *     rootHash                              32 bytes
 *     timestamp                             8 bytes, unsigned, ms since the epoch
 *     keyId                                 32 bytes
 *
 * Every field has a fixed length or a length prefix, so no two heads share an encoding. A change
 * of layout is a new tag (…/v2), never a reinterpretation of these bytes. Throws TypeError on a
 * head that has no encoding (a field out of range or not in its canonical form).
 */
export function treeHeadBytes(head: TreeHead): Uint8Array {
  const logId = typeof head.logId === 'string' && !LONE_SURROGATE.test(head.logId) ? utf8ToBytes(head.logId) : null;
  const rootHash = parseHex(head.rootHash, HASH_SIZE);
  const keyId = parseHex(head.keyId, HASH_SIZE);
  if (!logId || logId.length === 0 || logId.length > MAX_LOG_ID_BYTES) throw new TypeError('logId must be 1–255 bytes of UTF-8');
  if (!isCount(head.treeSize) || !isCount(head.timestamp)) throw new TypeError('treeSize and timestamp are whole numbers ≥ 0');
  if (!rootHash || !keyId) throw new TypeError('rootHash and keyId are 64 lower-case hex digits');

  const bytes = new Uint8Array(TREE_HEAD_TAG.length + 2 + logId.length + 8 + HASH_SIZE + 8 + HASH_SIZE);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  const put = (part: Uint8Array): void => {
    bytes.set(part, offset);
    offset += part.length;
  };
  const putUint64 = (n: number): void => {
    view.setUint32(offset, Math.floor(n / 2 ** 32));
    view.setUint32(offset + 4, n % 2 ** 32);
    offset += 8;
  };
  put(TREE_HEAD_TAG);
  put(Uint8Array.of(0, logId.length));
  put(logId);
  putUint64(head.treeSize);
  put(rootHash);
  putUint64(head.timestamp);
  put(keyId);
  return bytes;
}

/**
 * The signature (hex) of `head` by `secretKey`. Throws if the head is invalid or names another key
 * than this one's: a head must never go out claiming a key that did not sign it.
 */
export function signTreeHead(head: TreeHead, secretKey: Uint8Array): string {
  const message = treeHeadBytes(head);
  if (head.keyId !== keyIdOf(publicKeyOf(secretKey))) throw new TypeError('the head names another key than the one signing it');
  return toHex(ed25519.sign(message, secretKey));
}

/**
 * Did the holder of `publicKey` sign `head`? Never throws. Verification is strict RFC 8032
 * (`zip215: false`, as OpenSSL and node:crypto verify): one signature, one verdict, everywhere.
 */
export function verifyTreeHead(head: TreeHead, signature: string, publicKey: Uint8Array): Verdict<TreeHeadFailure> {
  let message: Uint8Array;
  try {
    message = treeHeadBytes(head);
  } catch {
    return fail('malformed-head');
  }
  const signatureBytes = parseHex(signature, SIGNATURE_SIZE);
  if (!signatureBytes) return fail('malformed-signature');
  if (!isByteArray(publicKey) || publicKey.length !== KEY_SIZE) return fail('malformed-key');
  if (head.keyId !== keyIdOf(publicKey)) return fail('key-id-mismatch');
  try {
    return ed25519.verify(signatureBytes, message, publicKey, { zip215: false }) ? VALID : fail('bad-signature');
  } catch {
    return fail('bad-signature');
  }
}

/**
 * Verifies a signed head against the log's trusted public keys, picking the one its `keyId`
 * names: after a rotation the list holds the old key and the new, and each head finds its own.
 */
export function verifySignedTreeHead(head: SignedTreeHead, trustedKeys: readonly Uint8Array[]): Verdict<TreeHeadFailure> {
  if (typeof head !== 'object' || head === null) return fail('malformed-head');
  if (!Array.isArray(trustedKeys)) return fail('unknown-key');
  const publicKey = trustedKeys.find((key) => isByteArray(key) && key.length === KEY_SIZE && keyIdOf(key) === head.keyId);
  if (!publicKey) return fail('unknown-key');
  return verifyTreeHead(head, head.signature, publicKey);
}
