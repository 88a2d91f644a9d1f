import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalBytes, isByteArray, toHex } from './bytes';

/**
 * Ed25519 keys of the log, as raw bytes (32-byte secret seed, 32-byte public key) and as the PEM
 * that `node:crypto` writes and reads (`generateKeyPairSync('ed25519')` with SPKI / PKCS#8 PEM
 * encoding), so a server can keep its key in a PEM secret while browsers and the offline verifier
 * use raw bytes. Pure code: the DER of an Ed25519 key is a fixed prefix and the 32 bytes
 * (RFC 8410), so no ASN.1 parser and no `node:` module is needed.
 */

export const KEY_SIZE = 32;

/** SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 (1.3.101.112) }, BIT STRING (32 bytes) }. */
const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
/** PrivateKeyInfo v0 { version 0, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING (32-byte seed) } }. */
const PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * The key id: lower-case hex SHA-256 of the raw 32-byte public key. Every tree head names the key
 * that signed it, so after a rotation an old head is still checked against the old key.
 */
export function keyIdOf(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey));
}

/** A new secret key (32-byte seed) from the platform's CSPRNG. */
export function generateSecretKey(): Uint8Array {
  return ed25519.utils.randomSecretKey();
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(assertKey(secretKey));
}

export function publicKeyToPem(publicKey: Uint8Array): string {
  return toPem('PUBLIC KEY', SPKI_PREFIX, assertKey(publicKey));
}

/** The raw public key of an Ed25519 SPKI PEM. Throws TypeError on any other PEM. */
export function publicKeyFromPem(pem: string): Uint8Array {
  return fromPem(pem, 'PUBLIC KEY', SPKI_PREFIX);
}

export function secretKeyToPem(secretKey: Uint8Array): string {
  return toPem('PRIVATE KEY', PKCS8_PREFIX, assertKey(secretKey));
}

/** The 32-byte seed of an Ed25519 PKCS#8 v1 PEM, as node:crypto and OpenSSL write it. Throws TypeError otherwise. */
export function secretKeyFromPem(pem: string): Uint8Array {
  return fromPem(pem, 'PRIVATE KEY', PKCS8_PREFIX);
}

function assertKey(key: Uint8Array): Uint8Array {
  if (!isByteArray(key) || key.length !== KEY_SIZE) throw new TypeError(`an Ed25519 key is ${KEY_SIZE} raw bytes`);
  return key;
}

function toPem(label: string, prefix: Uint8Array, key: Uint8Array): string {
  const der = new Uint8Array(prefix.length + key.length);
  der.set(prefix);
  der.set(key, prefix.length);
  const base64 = btoa(String.fromCharCode(...der));
  return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END ${label}-----\n`;
}

function fromPem(pem: string, label: string, prefix: Uint8Array): Uint8Array {
  const match = new RegExp(`^\\s*-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----\\s*$`).exec(pem);
  if (!match) throw new TypeError(`not a PEM "${label}"`);
  let binary: string;
  try {
    binary = atob(match[1].replace(/\s+/g, ''));
  } catch {
    throw new TypeError(`not a PEM "${label}": bad base64`);
  }
  const der = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  if (der.length !== prefix.length + KEY_SIZE || !equalBytes(der.subarray(0, prefix.length), prefix)) {
    throw new TypeError(`not an Ed25519 ${label.toLowerCase()}`);
  }
  return der.slice(prefix.length);
}
