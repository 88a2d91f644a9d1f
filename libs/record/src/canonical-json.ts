import { utf8ToBytes } from '@noble/hashes/utils.js';

/** A JSON value as an entry is made of. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The one text of a JSON value, so that the same entry hashes the same in Node, in any browser
 * and in any later version of this code: the JSON Canonicalization Scheme (RFC 8785). Object keys
 * sorted by UTF-16 code units; no whitespace; numbers as ECMAScript prints them (`1e+21`, `0` for
 * −0); strings escaped as `JSON.stringify` escapes them. Both rules are the ECMAScript
 * specification's own, which is why JCS chose them: every conforming engine gives the same text.
 *
 * Throws TypeError on what has no single JSON text: undefined (JSON.stringify would silently drop
 * the key, making `{a: undefined}` and `{}` one entry), NaN and ±Infinity, bigint, strings with a
 * lone surrogate (no UTF-8 encoding), and objects other than plain ones (a Date, a Map, a class).
 * Integers beyond 2^53 lose precision before they reach this function: send ids as strings.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return canonicalString(value);
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`array hole at ${i} has no JSON form`);
      items.push(canonicalJson((value as readonly JsonValue[])[i]));
    }
    return `[${items.join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as { readonly [key: string]: JsonValue };
    const members = Object.keys(record)
      .sort()
      .map((key) => `${canonicalString(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}

/** The UTF-8 bytes of `canonicalJson(value)`: what a commitment is made over. */
export function canonicalBytes(value: JsonValue): Uint8Array {
  return utf8ToBytes(canonicalJson(value));
}

function canonicalString(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new TypeError('a string with a lone surrogate has no UTF-8 form');
  return JSON.stringify(text);
}

/**
 * `{…}` or `Object.create(null)`, also one made in another realm (an iframe's, a vm context's: what
 * `fetch(…).json()` returns inside a Jest test): its prototype is then that realm's Object.prototype,
 * recognised as the object without a prototype of its own whose constructor is named Object.
 */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  if (typeof prototype !== 'object' || Object.getPrototypeOf(prototype) !== null) return false;
  const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
  return typeof constructor === 'function' && constructor.name === 'Object' && Object.prototype.toString.call(value) === '[object Object]';
}
