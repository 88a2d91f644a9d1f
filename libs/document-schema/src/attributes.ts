/**
 * What a document may hold, read defensively. Documents arrive from any client over the sync socket, so
 * every attribute a renderer reads is untrusted: a heading level of 1e9, a list start of 1e300, a
 * colspan of 1e9 or a nesting thousands deep must render as something sensible, never throw and never
 * make a renderer allocate more than a small multiple of the document's own size.
 */

/**
 * Elements nested deeper than this are left out of every rendering and of the anchoring text (both
 * apply the same rule, so paragraph numbers agree). Editors nest a list item's paragraph at depth 3 per
 * list level, so this allows ten levels of lists and leaves the call stack untouched by hostile depths.
 */
export const MAX_DEPTH = 32;

/**
 * How deeply shared types may nest in a stored document; the sync server refuses any update that
 * would nest deeper. Yjs deletes and cleans up subtrees recursively, so a chain thousands deep, once
 * deleted, overflows the stack on every later load. Twice MAX_DEPTH: everything that renders fits,
 * with its text (one level below its paragraph), and server-side edits never come near it.
 */
export const MAX_NESTING = 64;

/** Highest colspan/rowspan honoured; larger ones are read as this. */
export const MAX_SPAN = 100;

/** CommonMark list numbers have at most nine digits. */
export const MAX_LIST_START = 999_999_999;

/** Longest link kept; longer ones are dropped (the text stays). */
export const MAX_HREF = 2048;

/** Block ids as editors and `ensureBlockIds` make them (UUIDs, nanoids); anything else counts as none. */
const BLOCK_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A number attribute as given (a number or a numeric string), or null. */
function numeric(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

const clampInt = (value: unknown, min: number, max: number, fallback: number): number => {
  const n = numeric(value);
  return n === null ? fallback : Math.min(max, Math.max(min, Math.trunc(n)));
};

/** 1 to 6. */
export const headingLevel = (value: unknown): number => clampInt(value, 1, 6, 1);

/** 0 to 999,999,999; 1 when absent or not a number. */
export const listStart = (value: unknown): number => clampInt(value, 0, MAX_LIST_START, 1);

/** 1 to MAX_SPAN. */
export const cellSpan = (value: unknown): number => clampInt(value, 1, MAX_SPAN, 1);

export const blockIdOf = (value: unknown): string | null => (typeof value === 'string' && BLOCK_ID_PATTERN.test(value) ? value : null);

/**
 * Only web and mail links and local references survive export; anything else (javascript:, data:) is
 * dropped, and so are links with control characters or longer than MAX_HREF.
 */
export const safeHref = (href: unknown): string | null =>
  typeof href === 'string' && href.length <= MAX_HREF && /^(https?:|mailto:|#|\/)/i.test(href) && !/[\u0000-\u001f\u007f]/.test(href) ? href : null;

/**
 * Text as PostgreSQL can store it: NUL becomes U+FFFD. One code unit for one, so offsets in the text
 * (anchors count UTF-16 code units) stay those of the Yjs document.
 */
export const storableText = (text: string): string => (text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text);

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * An attribute value as ProseMirror JSON can carry it: strings, finite numbers, booleans, null, and
 * arrays and objects of those (at most four levels deep). Yjs types, binary and other values are
 * dropped (undefined), so the JSON always serialises.
 */
export function plainValue(value: unknown, depth = 0): Plain | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (depth >= 4 || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return value.map((v) => plainValue(v, depth + 1) ?? null);
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  return plainObject(value as Record<string, unknown>, depth + 1);
}

/** The plain entries of an attribute map (see `plainValue`); `__proto__` is never a key. */
export function plainObject(source: Record<string, unknown>, depth = 0): { [key: string]: Plain } {
  const entries: [string, Plain][] = [];
  for (const [key, value] of Object.entries(source)) {
    const plain = key === '__proto__' ? undefined : plainValue(value, depth);
    if (plain !== undefined) entries.push([storableText(key), plain]);
  }
  return Object.fromEntries(entries);
}
