import * as Y from 'yjs';
import { FRAGMENT, type PmMark, type PmNode } from './schema';

type Delta = { insert: string | object; attributes?: Record<string, unknown> }[];

function textNodes(text: Y.XmlText): PmNode[] {
  return (text.toDelta() as Delta)
    .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => typeof op.insert === 'string')
    .map((op) => {
      const marks: PmMark[] = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
        attrs && typeof attrs === 'object' && Object.keys(attrs).length ? { type, attrs: attrs as Record<string, unknown> } : { type },
      );
      return marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert };
    });
}

function elementToJson(element: Y.XmlElement): PmNode {
  const attrs = element.getAttributes() as Record<string, unknown>;
  const content = childrenToJson(element);
  const node: PmNode = { type: element.nodeName };
  if (Object.keys(attrs).length) node.attrs = attrs;
  if (content.length) node.content = content;
  return node;
}

function childrenToJson(parent: Y.XmlFragment | Y.XmlElement): PmNode[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return textNodes(child);
    if (child instanceof Y.XmlElement) return [elementToJson(child)];
    return [];
  });
}

/** The document as ProseMirror JSON (`{ type: 'doc', content }`). */
export function yDocToJson(doc: Y.Doc): PmNode {
  return { type: 'doc', content: childrenToJson(doc.getXmlFragment(FRAGMENT)) };
}

type Planned = { y: Y.XmlText; runs: PmNode[] } | { y: Y.XmlElement; content: PmNode[] };

/** Groups consecutive text nodes into one Y.XmlText, as y-prosemirror does. */
function plan(nodes: PmNode[]): Planned[] {
  const planned: Planned[] = [];
  for (const node of nodes) {
    const last = planned.at(-1);
    if (node.type === 'text') {
      if (last && 'runs' in last) last.runs.push(node);
      else planned.push({ y: new Y.XmlText(), runs: [node] });
      continue;
    }
    const element = new Y.XmlElement(node.type);
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value !== null && value !== undefined) element.setAttribute(key, value as string);
    }
    planned.push({ y: element, content: node.content ?? [] });
  }
  return planned;
}

function fill(parent: Y.XmlFragment | Y.XmlElement, nodes: PmNode[]): void {
  const planned = plan(nodes);
  parent.insert(parent.length, planned.map((p) => p.y));
  for (const item of planned) {
    if ('runs' in item) {
      let offset = 0;
      for (const run of item.runs) {
        const text = run.text ?? '';
        item.y.insert(offset, text, Object.fromEntries((run.marks ?? []).map((m) => [m.type, m.attrs ?? {}])));
        offset += text.length;
      }
    } else {
      fill(item.y, item.content);
    }
  }
}

/** Appends ProseMirror JSON content to the document's fragment, in one transaction. */
export function appendJson(doc: Y.Doc, json: PmNode, origin?: unknown): void {
  doc.transact(() => fill(doc.getXmlFragment(FRAGMENT), json.content ?? []), origin);
}

/** Replaces the whole content (one transaction: connected editors see one change). */
export function replaceWithJson(doc: Y.Doc, json: PmNode, origin?: unknown): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(FRAGMENT);
    if (fragment.length) fragment.delete(0, fragment.length);
    fill(fragment, json.content ?? []);
  }, origin);
}
