import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { MAX_DEPTH, blockIdOf } from './attributes';
import { BLOCK_ID, FRAGMENT, TEXTBLOCKS } from './schema';

/**
 * Gives every textblock a stable, unique `id` attribute, as a normal edit (one transaction with
 * `origin`), so connected editors receive the ids like any other change: blocks without one, with one
 * that is not an id (a number, an object, 200 characters), and the later blocks of a duplicated id (a
 * copied paragraph) get a new one. Returns how many were set. Blocks deeper than MAX_DEPTH are not
 * rendered and are left alone.
 */
export function ensureBlockIds(doc: Y.Doc, origin?: unknown, newId: () => string = randomUUID): number {
  let assigned = 0;
  const seen = new Set<string>();
  const visit = (node: Y.XmlFragment | Y.XmlElement, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (TEXTBLOCKS.has(child.nodeName)) {
        const id = blockIdOf(child.getAttribute(BLOCK_ID));
        if (id && !seen.has(id)) seen.add(id);
        else {
          const fresh = newId();
          child.setAttribute(BLOCK_ID, fresh);
          seen.add(fresh);
          assigned += 1;
        }
      }
      visit(child, depth + 1);
    }
  };
  doc.transact(() => visit(doc.getXmlFragment(FRAGMENT), 1), origin);
  return assigned;
}
