import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The pair a refresh handed out, as a concurrent refresh with the same token must receive it again. */
export interface SealedPair {
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string;
}

const INFO = Buffer.from('intersessional refresh-token successor v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/*
 * Why encrypt the successor under a key derived from the spent token, rather than store it or derive
 * it deterministically:
 * - the database never holds a usable token: the spent token itself is only stored as SHA-256, and
 *   HKDF(token) is unrelated to SHA-256(token), so a copy of the database (or a backup) cannot open
 *   the successor; only someone who presents the spent token, which they already held, can;
 * - a deterministic successor (an HMAC of the spent token under a server secret) would make every
 *   future token of a chain computable from one leaked token plus the secret, with no row to revoke;
 * - the old token has 256 random bits, so a fast KDF is enough (no password stretching needed).
 * AES-256-GCM authenticates the blob, and the token row's id is the associated data, so a sealed
 * successor copied onto another row does not open.
 */
function keyFor(spentToken: string, tokenId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(spentToken, 'utf8'), Buffer.from(tokenId, 'utf8'), INFO, 32));
}

export function sealSuccessor(spentToken: string, tokenId: string, pair: SealedPair): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(spentToken, tokenId), iv);
  cipher.setAAD(Buffer.from(tokenId, 'utf8'));
  const plain = JSON.stringify({ a: pair.accessToken, e: pair.accessExpiresAt.toISOString(), r: pair.refreshToken });
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The sealed pair, or null when the blob was not sealed with this token for this row (or is damaged). */
export function openSuccessor(spentToken: string, tokenId: string, sealed: Buffer): SealedPair | null {
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(spentToken, tokenId), sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(tokenId, 'utf8'));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(plain) as { a?: unknown; e?: unknown; r?: unknown };
    if (typeof parsed.a !== 'string' || typeof parsed.e !== 'string' || typeof parsed.r !== 'string') return null;
    return { accessToken: parsed.a, accessExpiresAt: new Date(parsed.e), refreshToken: parsed.r };
  } catch {
    return null;
  }
}
