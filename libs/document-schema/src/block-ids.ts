import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { BLOCK_ID, FRAGMENT, TEXTBLOCKS } from './schema';

/**
 * Gives every textblock without one a stable `id` attribute, as a normal edit (one transaction with
 * `origin`), so connected editors receive the ids like any other change. Returns how many were set.
 */
export function ensureBlockIds(doc: Y.Doc, origin?: unknown, newId: () => string = randomUUID): number {
  let assigned = 0;
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (TEXTBLOCKS.has(child.nodeName) && !child.getAttribute(BLOCK_ID)) {
        child.setAttribute(BLOCK_ID, newId());
        assigned += 1;
      }
      visit(child);
    }
  };
  doc.transact(() => visit(doc.getXmlFragment(FRAGMENT)), origin);
  return assigned;
}
