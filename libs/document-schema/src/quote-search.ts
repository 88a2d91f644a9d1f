import search from 'approx-string-match';
import { distance } from 'fastest-levenshtein';
import type { TextQuote } from './anchors';

/**
 * Looking a commented passage up by its quote, once Yjs has lost it (its text was deleted, or moved by
 * cut and paste, which Yjs sees as a deletion and an insertion). Written here rather than taken from a
 * library because the rules are ours: a wrong place is worse than none, so a match must be exact or
 * strongly similar AND agree with the passage's own context, and "near where it was" breaks ties.
 * (approx-string-match does the approximate matching itself.)
 */

export interface Span {
  start: number;
  end: number;
}

/** Fuzzy matches must be at least this similar to the quote (1 - edits / length)… */
export const STRONG_MATCH = 0.8;
/** …or at least this similar, when their context agrees this much. */
const FAIR_MATCH = 0.7;
const CONTEXT_AGREES_WEAKER_MATCH = 0.85;
/**
 * Characters from the old place within which less context agreement is asked: by this much for
 * approximate matches, down to this for the exact text (its sentence may have been reworded around it).
 */
const NEAR = 200;
const NEAR_RELIEF = 0.25;
const CONTEXT_AGREES_EXACT_NEAR = 0.3;
/** How much of a candidate's context must agree with the stored prefix and suffix. */
const CONTEXT_AGREES = 0.6;
/** Short quotes say little by themselves: their context must agree more. */
const SHORT_QUOTE = 20;
const CONTEXT_AGREES_SHORT = 0.75;
/** Starting or ending a block counts like this many characters of agreeing context. */
const BOUNDARY_WEIGHT = 6;
/** Quotes shorter than this are never matched approximately: a few characters match anything. */
const MIN_FUZZY_QUOTE = 12;
/** Longer quotes are looked for exactly only (approximate search costs length × window / 32). */
const MAX_FUZZY_QUOTE = 2000;
const MAX_EXACT_MATCHES = 200;

const WORD_CHAR = /[\p{L}\p{N}_'’-]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** 1 for equal strings, falling towards 0 with the edit distance (context strings are short). */
function similarity(actual: string, expected: string): number {
  if (!expected.length) return 1;
  return Math.max(0, 1 - distance(actual, expected) / expected.length);
}

/**
 * How well the text around a candidate agrees with the stored prefix and suffix, from 0 to 1. Only the
 * context inside the passage's own block counts (a paragraph moved elsewhere has new neighbours), and
 * where that block started or ended (right after the stored prefix, right after the suffix) counts as
 * context too (not the document's start or end: text is often added there).
 */
export function contextAgreement(flat: string, quote: TextQuote, span: Span): number {
  let weight = 0;
  let agreeing = 0;
  const side = (stored: string, actual: string, storedAtBoundary: boolean, actualAtBoundary: boolean) => {
    if (stored) {
      weight += stored.length;
      agreeing += stored.length * similarity(actual, stored);
    }
    if (storedAtBoundary) {
      weight += BOUNDARY_WEIGHT;
      if (actualAtBoundary) agreeing += BOUNDARY_WEIGHT;
    }
  };
  const cut = quote.prefix.lastIndexOf('\n');
  const prefix = cut >= 0 ? quote.prefix.slice(cut + 1) : quote.prefix;
  const prefixBoundary = cut >= 0;
  const blockStart = span.start - prefix.length;
  side(prefix, flat.slice(Math.max(0, blockStart), span.start), prefixBoundary, blockStart === 0 || flat[blockStart - 1] === '\n');
  const cutS = quote.suffix.indexOf('\n');
  const suffix = cutS >= 0 ? quote.suffix.slice(0, cutS) : quote.suffix;
  const suffixBoundary = cutS >= 0;
  const blockEnd = span.end + suffix.length;
  side(suffix, flat.slice(span.end, blockEnd), suffixBoundary, blockEnd === flat.length || flat[blockEnd] === '\n');
  return weight ? agreeing / weight : 1;
}

const agreementNeeded = (quote: TextQuote) => (quote.exact.length < SHORT_QUOTE ? CONTEXT_AGREES_SHORT : CONTEXT_AGREES);

/**
 * Picks the candidate whose context agrees best (to a tenth), then the one nearest `hint`. Near the old
 * place (within NEAR of it) less agreement is asked: a passage whose sentence was reworded around it
 * is still the passage there; far from it, the context must say so. Approximate matches weaker than
 * STRONG_MATCH need more agreement; `strict` refuses them.
 */
function best(flat: string, quote: TextQuote, candidates: (Span & { quality?: number })[], hint: number, accept?: (span: Span) => boolean, strict = false): Span | null {
  let chosen: { span: Span; agreement: number; distance: number } | null = null;
  const near = Math.max(NEAR, 2 * quote.exact.length);
  for (const span of candidates) {
    if (accept && !accept(span)) continue;
    const agreement = Math.round(contextAgreement(flat, quote, span) * 10) / 10;
    const distance = Math.abs(span.start - hint);
    let needed = agreementNeeded(quote);
    if (span.quality !== undefined && span.quality < STRONG_MATCH) {
      if (strict) continue;
      needed = Math.max(needed, CONTEXT_AGREES_WEAKER_MATCH);
    }
    if (distance <= near && !strict) needed = span.quality === undefined ? Math.min(needed, CONTEXT_AGREES_EXACT_NEAR) : needed - NEAR_RELIEF;
    if (agreement < needed - 1e-9) continue;
    if (!chosen || agreement > chosen.agreement || (agreement === chosen.agreement && distance < chosen.distance)) chosen = { span: { start: span.start, end: span.end }, agreement, distance };
  }
  return chosen?.span ?? null;
}

/** The quote's exact text where its context agrees (and `accept` agrees), nearest `hint` first. */
export function findExact(flat: string, quote: TextQuote, hint: number, accept?: (span: Span) => boolean): Span | null {
  if (!quote.exact) return null;
  const candidates: Span[] = [];
  for (let at = flat.indexOf(quote.exact); at >= 0 && candidates.length < MAX_EXACT_MATCHES; at = flat.indexOf(quote.exact, at + 1)) {
    candidates.push({ start: at, end: at + quote.exact.length });
  }
  return best(flat, quote, candidates, hint, accept);
}

/**
 * A strongly similar match of the quote inside `window` (flat offsets), whose context agrees; widened to
 * whole words when the passage began and ended on word boundaries. `overlapping`: a span the match must
 * share text with; `accept`: a further test; `strict`: strong matches only, with the full context
 * agreement wherever they are.
 */
export function findSimilar(
  flat: string,
  quote: TextQuote,
  window: Span,
  hint: number,
  { overlapping, accept, strict = false }: { overlapping?: Span; accept?: (span: Span) => boolean; strict?: boolean } = {},
): Span | null {
  const { exact } = quote;
  if (exact.length < MIN_FUZZY_QUOTE || exact.length > MAX_FUZZY_QUOTE) return null;
  const from = Math.max(0, window.start);
  const text = flat.slice(from, Math.min(flat.length, window.end));
  if (!mayHold(text, exact)) return null;
  // one scan of the window (it costs the window's length times the quote's over 32, whatever the bound);
  // only the closest matches are judged
  const candidates = closest(search(text, exact, Math.floor(exact.length * (1 - (strict ? STRONG_MATCH : FAIR_MATCH)))))
    .map((m) => ({ ...snapToWords(flat, quote, { start: from + m.start, end: from + m.end }), quality: 1 - m.errors / exact.length }))
    .filter((s) => s.end > s.start && (!overlapping || (s.start < overlapping.end && s.end > overlapping.start)));
  return best(flat, quote, dedupe(candidates), hint, accept, strict);
}

/**
 * A cheap filter before the approximate scan: text that holds a passage at 70 % similarity holds most
 * of its longer words too. When fewer than half of them are anywhere in the window, the scan could only
 * find something too weak to accept (most deleted passages end here).
 */
function mayHold(text: string, exact: string): boolean {
  const words = new Set(exact.match(/[\p{L}\p{N}]{4,}/gu) ?? []);
  if (words.size < 3) return true;
  let present = 0;
  for (const word of words) if (text.includes(word)) present += 1;
  return present * 2 >= words.size;
}

/** Near-equal places come back as many overlapping matches: only the closest few are worth judging. */
const CLOSEST_ERRORS = 2;
const CLOSEST_COUNT = 24;

function closest<T extends { errors: number }>(matches: T[]): T[] {
  if (matches.length <= 1) return matches;
  let fewest = Infinity;
  for (const m of matches) fewest = Math.min(fewest, m.errors);
  return matches.filter((m) => m.errors <= fewest + CLOSEST_ERRORS).slice(0, CLOSEST_COUNT * 4).sort((a, b) => a.errors - b.errors).slice(0, CLOSEST_COUNT);
}

function dedupe<T extends Span>(spans: T[]): T[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Approximate matches can start or end mid-word; a passage chosen on word boundaries keeps them. */
function snapToWords(flat: string, quote: TextQuote, span: Span): Span {
  let { start, end } = span;
  const startsWord = isWordChar(quote.exact[0]) && !isWordChar(quote.prefix.at(-1));
  const endsWord = isWordChar(quote.exact.at(-1)) && !isWordChar(quote.suffix[0]);
  for (let n = 0; startsWord && n < 40 && start > 0 && isWordChar(flat[start - 1]) && isWordChar(flat[start]); n += 1) start -= 1;
  for (let n = 0; endsWord && n < 40 && end < flat.length && isWordChar(flat[end]) && isWordChar(flat[end - 1]); n += 1) end += 1;
  return { start, end };
}
