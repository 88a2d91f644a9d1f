/**
 * Word-level differences between two versions of one paragraph, for <ins>/<del> marking.
 *
 * Written here rather than taken from a library: no text-diff package (`diff`, `diff-match-patch`) is
 * installed, and the one diff in node_modules (@jest/diff-sequences) is a test-tool dependency of Jest,
 * not something the browser bundle should lean on. A paragraph is short, so the textbook
 * longest-common-subsequence table over its words is fast enough and easy to check; past a size
 * bound the paragraph is shown as wholly replaced rather than computed slowly on a phone.
 *
 * Words come from Intl.Segmenter, which also splits Chinese (no spaces) into words; the spaces and
 * punctuation between words are tokens too, so joining the tokens gives back the exact text.
 */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

const MAX_CELLS = 250_000;

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;

export function tokens(text: string): string[] {
  if (segmenter) return Array.from(segmenter.segment(text), (s) => s.segment);
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** The parts of `from` and `to` in reading order: shared words, words only in `from` (removed), words only in `to` (added). */
export function wordDiff(from: string, to: string): DiffPart[] {
  const a = tokens(from);
  const b = tokens(to);
  // common start and end first: most edits touch a few words in the middle
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  if (start) push(parts, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    if (n) push(parts, 'removed', midA.join(''));
    if (m) push(parts, 'added', midB.join(''));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..]
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push(parts, 'same', midA[i]!);
        i += 1;
        j += 1;
      } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
        push(parts, 'added', midB[j]!);
        j += 1;
      } else {
        push(parts, 'removed', midA[i]!);
        i += 1;
      }
    }
  }
  if (endA < a.length) push(parts, 'same', a.slice(endA).join(''));
  return parts;
}
