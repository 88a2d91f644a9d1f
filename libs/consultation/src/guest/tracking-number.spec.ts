import { TRACKING_NUMBER, hashGuestToken, newGuestToken, newTrackingNumber } from './tracking-number';

describe('guest receipts', () => {
  it('tracking numbers are short, unambiguous to read aloud, and random', () => {
    const numbers = Array.from({ length: 2000 }, newTrackingNumber);
    for (const n of numbers) expect(n).toMatch(TRACKING_NUMBER);
    expect(numbers.map((n) => n.slice(4)).join('')).not.toMatch(/[ILOU]/);
    // 2,000 draws from 2^30 repeat about once in 500 runs; many repeats would mean they are not random
    expect(new Set(numbers).size).toBeGreaterThan(1990);
  });

  it('private-link secrets carry 256 bits and are stored only as their SHA-256', () => {
    const token = newGuestToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newGuestToken()).not.toBe(token);
    expect(hashGuestToken(token)).toHaveLength(32);
    expect(hashGuestToken(token).equals(hashGuestToken(token))).toBe(true);
  });
});
