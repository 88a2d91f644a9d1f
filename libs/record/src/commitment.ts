import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { isByteArray } from './bytes';

/**
 * A salted commitment to an entry: what the public log holds instead of the entry itself.
 *
 * Hiding: the log is public, entries may be short and guessable ("I support option B"); a plain
 * hash could be confirmed by hashing guesses. 32 random bytes of salt, known only to the server
 * and the receipt's holder, make that hopeless. Binding: SHA-256's collision resistance, so the
 * server cannot later open the commitment to another entry.
 *
 * The log's leaf is the 32-byte commitment; its leaf hash is `leafHash(commitment)` (merkle.ts).
 */

export const SALT_SIZE = 32;

/**
 * Domain separation: a tag naming what is hashed and its format version, then a zero byte. The
 * tag is fixed and the salt has a fixed length, so the content starts at a fixed offset and no
 * two (salt, content) pairs share an input — nor with any other hash the record computes.
 */
const COMMITMENT_TAG = utf8ToBytes('intersessional/record/commitment/v1');

/** Fresh salt from the platform's CSPRNG (`crypto.getRandomValues`: Node ≥ 19 globals, every browser). */
export function newSalt(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(SALT_SIZE));
}

/**
 * SHA-256(tag || 0x00 || salt || content), where content is the entry's canonical bytes
 * (`canonicalBytes`, canonical-json.ts). Throws RangeError on a salt that is not 32 bytes.
 */
export function commit(salt: Uint8Array, content: Uint8Array): Uint8Array {
  if (!isByteArray(salt) || salt.length !== SALT_SIZE) throw new RangeError(`a salt is ${SALT_SIZE} bytes`);
  if (!isByteArray(content)) throw new TypeError('content is the entry’s canonical bytes');
  return sha256.create().update(COMMITMENT_TAG).update(Uint8Array.of(0)).update(salt).update(content).digest();
}
