import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { toHex } from '../bytes';
import { keyIdOf, publicKeyFromPem, publicKeyToPem, secretKeyFromPem, secretKeyToPem } from '../keys';
import { treeHeadBytes, type TreeHead } from '../tree-head';

/**
 * A server that made its key with `generateKeyPairSync('ed25519')`, or keeps it as a KeyObject
 * loaded from a PEM secret, uses these to get the raw keys the record speaks (for `keyIdOf`,
 * publishing the public key) and to sign tree heads without taking the secret out of the
 * KeyObject. The signatures are the same bytes @noble/curves makes: Ed25519 is deterministic.
 */

/** The raw 32-byte public key of an Ed25519 KeyObject (public, or private: its public half). */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
}

/** The raw 32-byte secret seed of an Ed25519 private KeyObject. */
export function rawSecretKey(privateKey: KeyObject): Uint8Array {
  return secretKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey(publicKeyToPem(publicKey));
}

export function privateKeyObject(secretKey: Uint8Array): KeyObject {
  return createPrivateKey(secretKeyToPem(secretKey));
}

/** The key id of an Ed25519 KeyObject. */
export function keyIdOfKeyObject(key: KeyObject): string {
  return keyIdOf(rawPublicKey(key));
}

/** `signTreeHead` with a node:crypto private key; the same checks, the same signature. */
export function signTreeHeadWithKeyObject(head: TreeHead, privateKey: KeyObject): string {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new TypeError('tree heads are signed with Ed25519');
  const message = treeHeadBytes(head);
  if (head.keyId !== keyIdOfKeyObject(privateKey)) throw new TypeError('the head names another key than the one signing it');
  return toHex(sign(null, message, privateKey));
}
