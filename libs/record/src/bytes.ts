import { bytesToHex, hexToBytes, isBytes } from '@noble/hashes/utils.js';

/** Every hash in the record is SHA-256. */
export const HASH_SIZE = 32;

const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * Lower-case hex is the one text form of every hash, key id, salt and signature in the record
 * (receipts, tree heads, JSON on the wire), so the same bytes never have two spellings that a
 * string comparison would tell apart.
 */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/**
 * The bytes of a lower-case hex string of exactly `length` bytes, or null for anything else
 * (upper case, odd length, another type): the verification path answers "invalid", never throws.
 */
export function parseHex(text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== length * 2 || !LOWER_HEX.test(text)) return null;
  return hexToBytes(text);
}

/** A Uint8Array, also one made in another realm (a Buffer, an iframe's array). */
export function isByteArray(value: unknown): value is Uint8Array {
  return isBytes(value);
}

/** A 32-byte SHA-256 value: inputs of any other length are rejected before any hashing. */
export function isHash(value: unknown): value is Uint8Array {
  return isBytes(value) && value.length === HASH_SIZE;
}

/** Byte equality. Everything compared here is public (roots, leaf hashes), so no constant time. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A whole number that a JSON reader, Go's uint64 and this code all see the same: 0 ≤ n ≤ 2^53 − 1. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
