import { generateKeyPairSync, verify } from 'node:crypto';
import { toHex } from '../bytes';
import { keyIdOf, publicKeyFromPem, publicKeyOf, secretKeyFromPem } from '../keys';
import { signTreeHead, treeHeadBytes, verifySignedTreeHead, verifyTreeHead, type TreeHead } from '../tree-head';
import { keyIdOfKeyObject, privateKeyObject, publicKeyObject, rawPublicKey, rawSecretKey, signTreeHeadWithKeyObject } from './node-keys';

const headFor = (keyId: string): TreeHead => ({ logId: 'pnai-2026', treeSize: 42, rootHash: '5d'.repeat(32), timestamp: 1_780_000_000_000, keyId });

describe('interoperation with node:crypto Ed25519 keys', () => {
  it('a head signed with a node:crypto key verifies with @noble/curves, and fails once changed', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const head = headFor(keyIdOfKeyObject(publicKey));
    const signature = signTreeHeadWithKeyObject(head, privateKey);
    expect(verifyTreeHead(head, signature, rawPublicKey(publicKey))).toEqual({ valid: true });
    expect(verifyTreeHead({ ...head, treeSize: 43 }, signature, rawPublicKey(publicKey))).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('reads the PEM that generateKeyPairSync writes, and signs the same bytes node:crypto does', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const secretKey = secretKeyFromPem(privateKey);
    expect(toHex(publicKeyOf(secretKey))).toBe(toHex(publicKeyFromPem(publicKey)));
    const head = headFor(keyIdOf(publicKeyFromPem(publicKey)));
    const nobleSignature = signTreeHead(head, secretKey);
    // Ed25519 is deterministic: both libraries give the same signature
    expect(signTreeHeadWithKeyObject(head, privateKeyObject(secretKey))).toBe(nobleSignature);
    expect(verify(null, treeHeadBytes(head), publicKey, Buffer.from(nobleSignature, 'hex'))).toBe(true);
    expect(verifySignedTreeHead({ ...head, signature: nobleSignature }, [publicKeyFromPem(publicKey)])).toEqual({ valid: true });
  });

  it('converts raw keys to KeyObjects and back', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const secretKey = rawSecretKey(privateKey);
    expect(toHex(rawSecretKey(privateKeyObject(secretKey)))).toBe(toHex(secretKey));
    expect(toHex(rawPublicKey(publicKeyObject(publicKeyOf(secretKey))))).toBe(toHex(rawPublicKey(privateKey)));
  });

  it('refuses to sign with another algorithm or under another key’s id', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() => signTreeHeadWithKeyObject(headFor('00'.repeat(32)), privateKey)).toThrow(TypeError);
    const rsa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => signTreeHeadWithKeyObject(headFor('00'.repeat(32)), rsa)).toThrow(TypeError);
  });
});
