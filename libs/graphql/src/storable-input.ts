import { type FieldProblem } from './app-error';

/** NUL, which PostgreSQL cannot store in text or jsonb, and UTF-16 halves without their pair. */
const UNSTORABLE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The years PostgreSQL's timestamptz and an ISO 8601 string without a sign can both hold. */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * The first value in an input that the database could not store: a string with NUL or a lone
 * surrogate, or a date that is invalid or outside years 1–9999. Walks arrays and plain objects, so
 * one check covers every argument of every operation, whatever its declared type.
 */
export function findUnstorable(value: unknown, path: string): FieldProblem | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : { field: path, message: 'contains a character that cannot be stored (NUL or an unpaired surrogate)' };
  }
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    return Number.isNaN(value.getTime()) || year < FIRST_YEAR || year > LAST_YEAR
      ? { field: path, message: `must be a valid date-time between the years ${FIRST_YEAR} and ${LAST_YEAR}` }
      : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = findUnstorable(item, join(path, i));
      if (problem) return problem;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = findUnstorable(item, join(path, key));
      if (problem) return problem;
    }
  }
  return null;
}
