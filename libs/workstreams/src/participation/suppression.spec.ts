import { suppress } from './suppression';

const cells = (entries: [string, number][]) => suppress(new Map(entries), entries.map(([c]) => c));

describe('small-cell suppression', () => {
  it('hides cells of one or two people and shows the rest', () => {
    const result = cells([['A', 5], ['B', 2], ['C', 1], ['D', 0]]);
    expect(result).toEqual([
      { category: 'A', count: 5, suppressed: false, display: '5' },
      { category: 'B', count: null, suppressed: true, display: 'fewer than 3' },
      { category: 'C', count: null, suppressed: true, display: 'fewer than 3' },
      { category: 'D', count: 0, suppressed: false, display: '0' },
    ]);
  });

  it('hides a second cell when a lone hidden cell could be recovered from the total', () => {
    const result = cells([['A', 10], ['B', 4], ['C', 1]]);
    expect(result.map((c) => c.suppressed)).toEqual([false, true, true]);
    expect(result[1]).toMatchObject({ count: null, display: 'withheld' });
  });

  it('shows everything when no cell is small', () => {
    expect(cells([['A', 3], ['B', 7]]).every((c) => !c.suppressed)).toBe(true);
  });
});
