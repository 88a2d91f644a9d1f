import { createHash } from 'node:crypto';
import { toHex } from './bytes';
import { canonicalBytes } from './canonical-json';
import { commit, newSalt, SALT_SIZE } from './commitment';

const SALT = Uint8Array.from({ length: SALT_SIZE }, (_, i) => i);

describe('salted commitments', () => {
  it('are SHA-256 of the tag, a zero byte, the salt and the content, as documented', () => {
    const content = canonicalBytes({ comment: 'Support paragraph 8' });
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('intersessional/record/commitment/v1', 'ascii'), Buffer.of(0), SALT, content]))
      .digest('hex');
    expect(toHex(commit(SALT, content))).toBe(expected);
  });

  it('give the same hash for the same entry whatever its key order', () => {
    const written = { paragraph: 8, text: 'Add "meaningful"', author: { id: 'u1', role: 'member' } };
    const reordered = { author: { role: 'member', id: 'u1' }, text: 'Add "meaningful"', paragraph: 8 };
    expect(toHex(commit(SALT, canonicalBytes(reordered)))).toBe(toHex(commit(SALT, canonicalBytes(written))));
  });

  it('give a different hash for a different salt or a different entry', () => {
    const content = canonicalBytes({ vote: 'yes' });
    const otherSalt = SALT.slice();
    otherSalt[31] ^= 1;
    expect(toHex(commit(otherSalt, content))).not.toBe(toHex(commit(SALT, content)));
    expect(toHex(commit(SALT, canonicalBytes({ vote: 'no' })))).not.toBe(toHex(commit(SALT, content)));
  });

  it('draw fresh 32-byte salts from the platform CSPRNG', () => {
    const salts = new Set(Array.from({ length: 100 }, () => toHex(newSalt())));
    expect(salts.size).toBe(100);
    for (const salt of salts) expect(salt).toHaveLength(2 * SALT_SIZE);
  });

  it('refuse a salt that is not 32 bytes', () => {
    expect(() => commit(new Uint8Array(16), new Uint8Array(0))).toThrow(RangeError);
  });
});
