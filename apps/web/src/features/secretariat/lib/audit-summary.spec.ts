import { describe, expect, it } from '@jest/globals';
import { summaryFacts } from './audit-summary';

describe("an audit entry's summary as facts", () => {
  it('lists scalar values, flattens one level of objects and leaves empty values out', () => {
    expect(summaryFacts({ reason: 'Spam', before: { status: 'ACTIVE', platformRole: null }, after: { status: 'DISABLED' }, topics: ['a', 'b'], note: '' })).toEqual([
      'reason: Spam',
      'before.status: ACTIVE',
      'after.status: DISABLED',
      'topics: a, b',
    ]);
  });

  it('clips long values and caps the number of facts', () => {
    const long = 'x'.repeat(200);
    expect(summaryFacts({ text: long })[0]).toHaveLength('text: '.length + 80);
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i]));
    expect(summaryFacts(many)).toHaveLength(9);
    expect(summaryFacts(many).at(-1)).toBe('…');
  });

  it('gives nothing for a missing or odd summary', () => {
    expect(summaryFacts(null)).toEqual([]);
    expect(summaryFacts('text')).toEqual([]);
  });
});
