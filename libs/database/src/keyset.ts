import { type ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export type CursorValue = string | number;

/** One page of a keyset-paginated list, as the GraphQL layer asks for it. */
export interface PageRequest {
  /** Rows wanted; the repository fetches one more to learn whether another page follows. */
  limit: number;
  /** Key of the row the page starts after (forward) or ends before (backward). */
  cursor?: CursorValue[];
  backward: boolean;
}

export interface Sort {
  /** SQL expressions, most significant first; the last must be unique (usually the id). */
  columns: string[];
  direction: 'ASC' | 'DESC';
}

/**
 * Timestamp keys must be stored with millisecond precision (timestamptz(3)) so that a cursor, which
 * carries a JavaScript Date, compares equal to the row it came from.
 *
 * Keyset pagination: `WHERE (k1, k2) > (:c1, :c2) ORDER BY k1, k2 LIMIT n + 1`. Stable under inserts
 * and cheap at any depth, unlike OFFSET. Reverses the order for `last/before` pages; `fetchPage`
 * restores the user's order.
 */
export async function fetchPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: PageRequest,
  sort: Sort,
  /** How the rows become entities: getMany(), or getPlainMany() for a plain entity. */
  load: (qb: SelectQueryBuilder<T>) => Promise<T[]> = (q) => q.getMany(),
): Promise<T[]> {
  const ascending = (sort.direction === 'ASC') !== page.backward;
  if (page.cursor) {
    if (page.cursor.length !== sort.columns.length) throw new RangeError('cursor does not fit this list');
    const names = page.cursor.map((_, i) => `keyset_${i}`);
    const params = Object.fromEntries(names.map((n, i) => [n, page.cursor?.[i]]));
    const op = ascending ? '>' : '<';
    qb.andWhere(`(${sort.columns.join(', ')}) ${op} (${names.map((n) => `:${n}`).join(', ')})`, params);
  }
  sort.columns.forEach((column, i) =>
    i === 0 ? qb.orderBy(column, ascending ? 'ASC' : 'DESC') : qb.addOrderBy(column, ascending ? 'ASC' : 'DESC'),
  );
  return load(qb.limit(page.limit + 1));
}
