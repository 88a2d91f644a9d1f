/** Cells counting fewer people than this are never shown as numbers. */
export const MIN_CELL = 3;

export interface Cell {
  category: string;
  /** Null when suppressed. */
  count: number | null;
  suppressed: boolean;
  display: string;
}

/**
 * Small-cell suppression for one dimension of a breakdown whose total is public. Primary: every cell
 * of 1–2 people is hidden. Secondary: if only one cell is hidden, it could be recovered as the total
 * minus the others, so the smallest other non-zero cell is hidden too.
 */
export function suppress(counts: Map<string, number>, categories: string[]): Cell[] {
  const hidden = new Set(categories.filter((c) => {
    const n = counts.get(c) ?? 0;
    return n > 0 && n < MIN_CELL;
  }));
  if (hidden.size === 1) {
    const next = categories
      .filter((c) => !hidden.has(c) && (counts.get(c) ?? 0) > 0)
      .sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0))[0];
    if (next) hidden.add(next);
  }
  return categories.map((category) => {
    const n = counts.get(category) ?? 0;
    if (hidden.has(category)) {
      return { category, count: null, suppressed: true, display: n < MIN_CELL ? 'fewer than 3' : 'withheld' };
    }
    return { category, count: n, suppressed: false, display: String(n) };
  });
}
