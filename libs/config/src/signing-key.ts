import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PEM = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/;

/**
 * The PKCS#8 PEM of an Ed25519 private key given as PEM (real newlines, or `\n` as environment files
 * write them) or as the base64 of its DER; null for anything else (another algorithm, a public key).
 */
export function signingKeyPem(value: string): string | null {
  const text = value.trim().replace(/\\n/g, '\n');
  try {
    const key = PEM.test(text) ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key.export({ type: 'pkcs8', format: 'pem' }).toString() : null;
  } catch {
    return null;
  }
}

/**
 * Outside production, a missing RECORD_SIGNING_KEY is generated once and kept in the data folder (like
 * the JWT secret), so the record's heads stay verifiable across restarts. Production refuses to start
 * without one instead: a key lost with a container would orphan every head it signed.
 */
export function readOrCreateSigningKey(dataDir: string, name = 'record-signing-key.pem'): string {
  const path = join(dataDir, name);
  let existing: string | null = null;
  try {
    existing = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing !== null) {
    // never overwrite: whatever is there may be the only copy of a key that signed published heads
    const pem = signingKeyPem(existing);
    if (!pem) throw new Error(`${path} is not an Ed25519 private key (PKCS#8 PEM); move it away or set RECORD_SIGNING_KEY`);
    return pem;
  }
  mkdirSync(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(path, pem, { mode: 0o600 });
  return pem;
}
