import * as Y from 'yjs';
import { MAX_DEPTH } from './attributes';
import { FRAGMENT } from './schema';

/** Levels of a too-deep subtree deleted per transaction: Yjs deletes and collects a subtree recursively. */
const LEVELS_PER_TRANSACTION = 200;

/**
 * Deletes the elements nested deeper than MAX_DEPTH (no rendering shows them), deepest first and a few
 * hundred levels per transaction. Yjs deletes a subtree, and garbage-collects it when the transaction
 * ends, by recursion over its depth, so replacing content under a hostile nesting thousands deep in one
 * transaction would exhaust the stack. Each transaction here recurses at most LEVELS_PER_TRANSACTION
 * deep (the levels below are already collected). Returns how many elements were deleted.
 */
export function pruneTooDeep(doc: Y.Doc, origin?: unknown): number {
  const levels: Y.XmlElement[][] = []; // levels[i]: elements at depth MAX_DEPTH + 1 + i
  const pending: [Y.XmlFragment | Y.XmlElement, number][] = [[doc.getXmlFragment(FRAGMENT), 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [parent, depth] = next;
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (depth + 1 > MAX_DEPTH) (levels[depth - MAX_DEPTH] ??= []).push(child);
      pending.push([child, depth + 1]);
    }
  }
  let deleted = 0;
  for (let top = levels.length; top > 0; top -= LEVELS_PER_TRANSACTION) {
    doc.transact(() => {
      for (let level = top - 1; level >= Math.max(0, top - LEVELS_PER_TRANSACTION); level -= 1) {
        for (const element of levels[level] ?? []) {
          const parent = element.parent as Y.XmlElement | Y.XmlFragment | null;
          const index = parent ? parent.toArray().indexOf(element) : -1;
          if (parent && index >= 0) {
            parent.delete(index, 1);
            deleted += 1;
          }
        }
      }
    }, origin);
  }
  return deleted;
}
