/**
 * What a proof's verification depends on besides the hashes, read off RFC 9162's recursive
 * definitions (PATH §2.1.3.1, SUBPROOF §2.1.4.1) rather than from the verifier's bit arithmetic,
 * as an oracle for the property specs: the verifier accepts a genuine proof under other sizes or
 * another index exactly when these shapes are equal (barring a SHA-256 collision).
 */

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The sides of PATH(index, D[size])'s siblings, bottom to top: 'L' when the sibling is on the left. */
export function inclusionShape(index: number, size: number): string {
  const sides: string[] = [];
  for (let start = 0, end = size; end - start > 1; ) {
    const mid = start + split(end - start);
    sides.push(index < mid ? 'R' : 'L');
    if (index < mid) end = mid;
    else start = mid;
  }
  return sides.reverse().join('');
}

/**
 * PROOF(oldSize, D[size]): whether the verifier starts from the old root it holds (the old tree is
 * a complete subtree) or from the proof's first node, then the sides of the remaining nodes.
 */
export function consistencyShape(oldSize: number, size: number): string {
  const sides: string[] = [];
  let complete = true;
  for (let start = 0, end = size; oldSize !== end; ) {
    const mid = start + split(end - start);
    sides.push(oldSize <= mid ? 'R' : 'L');
    if (oldSize <= mid) end = mid;
    else [start, complete] = [mid, false];
  }
  return `${complete ? 'old-root' : 'first-node'}:${sides.reverse().join('')}`;
}
