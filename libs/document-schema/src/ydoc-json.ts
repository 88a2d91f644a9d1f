import * as Y from 'yjs';
import { MAX_DEPTH, blockIdOf, cellSpan, headingLevel, listStart, plainObject, plainValue, storableText } from './attributes';
import { BLOCK_ID, FRAGMENT, NODE, type PmMark, type PmNode } from './schema';

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[];

/** Marks from a text run's formatting attributes: `{ bold: {} }`, `{ link: { href } }`; other values mean no attributes. */
function marksOf(attributes: Record<string, unknown>): PmMark[] {
  return Object.entries(attributes).map(([type, attrs]) => {
    const plain = attrs && typeof attrs === 'object' && !Array.isArray(attrs) ? plainValue(attrs) : undefined;
    const mark: PmMark = { type: storableText(type) };
    if (plain && typeof plain === 'object' && !Array.isArray(plain) && Object.keys(plain).length) mark.attrs = plain;
    return mark;
  });
}

function textNodes(text: Y.XmlText): PmNode[] {
  // embeds (objects, Yjs types) are not text: an editor of this schema never writes them
  return (text.toDelta() as Delta).flatMap((op) => {
    if (typeof op.insert !== 'string' || !op.insert) return [];
    const marks = marksOf(op.attributes ?? {});
    const node: PmNode = { type: 'text', text: storableText(op.insert) };
    if (marks.length) node.marks = marks;
    return [node];
  });
}

/** The attributes renderers read, validated or clamped (see attributes.ts); others as plain JSON values. */
function attributesOf(element: Y.XmlElement): Record<string, unknown> {
  const attrs: Record<string, unknown> = plainObject(element.getAttributes() as Record<string, unknown>);
  const known: Record<string, (value: unknown) => unknown> = {
    [BLOCK_ID]: (value) => blockIdOf(value) ?? undefined,
    colspan: cellSpan,
    rowspan: cellSpan,
    colwidth: (value) => (Array.isArray(value) ? value.slice(0, 100).map((w) => (typeof w === 'number' && w > 0 ? Math.min(Math.round(w), 10_000) : null)) : undefined),
  };
  if (element.nodeName === NODE.heading) known.level = headingLevel;
  if (element.nodeName === NODE.orderedList) known.start = listStart;
  for (const [key, normalise] of Object.entries(known)) {
    if (!(key in attrs)) continue;
    const value = normalise(attrs[key]);
    if (value === undefined) delete attrs[key];
    else attrs[key] = value;
  }
  return attrs;
}

/** `text` and `doc` name ProseMirror's own nodes: an element so named is an unknown node like any other. */
const typeOf = (nodeName: string) => (nodeName === 'text' || nodeName === 'doc' ? 'unknown' : storableText(nodeName));

function elementToJson(element: Y.XmlElement, depth: number): PmNode {
  const attrs = attributesOf(element);
  const content = childrenToJson(element, depth + 1);
  const node: PmNode = { type: typeOf(element.nodeName) };
  if (Object.keys(attrs).length) node.attrs = attrs;
  if (content.length) node.content = content;
  return node;
}

/** Children of an element at `depth - 1` (the fragment's are at 1); elements deeper than MAX_DEPTH are left out. */
function childrenToJson(parent: Y.XmlFragment | Y.XmlElement, depth: number): PmNode[] {
  return parent.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return textNodes(child);
    if (child instanceof Y.XmlElement && depth <= MAX_DEPTH) return [elementToJson(child, depth)];
    return []; // raw values or other Yjs types that a hostile client put between the nodes
  });
}

/**
 * The document as ProseMirror JSON (`{ type: 'doc', content }`), with the attributes renderers read
 * validated, NUL characters replaced and nesting cut at MAX_DEPTH: what any client wrote through the
 * socket serialises and renders.
 */
export function yDocToJson(doc: Y.Doc): PmNode {
  return { type: 'doc', content: childrenToJson(doc.getXmlFragment(FRAGMENT), 1) };
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
