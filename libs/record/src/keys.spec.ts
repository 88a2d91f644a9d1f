import { createHash, generateKeyPairSync } from 'node:crypto';
import { toHex } from './bytes';
import { generateSecretKey, keyIdOf, publicKeyFromPem, publicKeyOf, publicKeyToPem, secretKeyFromPem, secretKeyToPem } from './keys';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

// RFC 8032 §7.1, TEST 1
const RFC8032_SECRET = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

describe('Ed25519 keys', () => {
  it('derive the RFC 8032 public key from its secret key', () => {
    expect(toHex(publicKeyOf(RFC8032_SECRET))).toBe(RFC8032_PUBLIC);
  });

  it('are named by the hex SHA-256 of the raw public key', () => {
    expect(keyIdOf(hex(RFC8032_PUBLIC))).toBe(createHash('sha256').update(hex(RFC8032_PUBLIC)).digest('hex'));
  });

  it('round-trip through SPKI and PKCS#8 PEM', () => {
    const secretKey = generateSecretKey();
    const publicKey = publicKeyOf(secretKey);
    expect(toHex(secretKeyFromPem(secretKeyToPem(secretKey)))).toBe(toHex(secretKey));
    expect(toHex(publicKeyFromPem(publicKeyToPem(publicKey)))).toBe(toHex(publicKey));
    expect(publicKeyToPem(publicKey)).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/);
  });

  it('refuse PEM of another kind or another curve', () => {
    const publicPem = publicKeyToPem(hex(RFC8032_PUBLIC));
    expect(() => secretKeyFromPem(publicPem)).toThrow(TypeError);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => publicKeyFromPem(p256)).toThrow(TypeError);
    expect(() => publicKeyFromPem('-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----')).toThrow(TypeError);
    expect(() => publicKeyToPem(new Uint8Array(31))).toThrow(TypeError);
  });
});
