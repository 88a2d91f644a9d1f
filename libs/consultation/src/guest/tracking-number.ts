import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford's base 32: no I, L, O or U, so a number read aloud or copied by hand stays right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short number a guest can quote, e.g. `IGF-7K3Q-9D`: 30 random bits, so it says nothing about how
 * many comments came before and cannot be walked. It is a reference, not a key: it opens nothing.
 */
export function newTrackingNumber(): string {
  const chars = Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `IGF-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export const TRACKING_NUMBER = /^IGF-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

/** The secret of a guest's private link: 256 random bits, base64url (43 characters). */
export const newGuestToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of the secret. */
export const hashGuestToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();
