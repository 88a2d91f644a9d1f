import * as Y from 'yjs';
import { FRAGMENT, MAX_NESTING, type PmNode, appendJson, importMarkdown, replaceWithJson, yDocToJson } from '@intersessional/document-schema';
import { DecodedStructs, NestingGuard } from './nesting-guard';

const LIMIT = 64;
const structsOf = (update: Uint8Array) => new DecodedStructs(Y.decodeUpdate(update).structs);

/** Nests `levels` blockquotes under `parent` (or the fragment), one level per insert, each with some text. */
function nest(doc: Y.Doc, levels: number, from?: Y.XmlElement): Y.XmlElement {
  let parent: Y.XmlFragment | Y.XmlElement = from ?? doc.getXmlFragment(FRAGMENT);
  doc.transact(() => {
    for (let i = 0; i < levels; i += 1) {
      const element = new Y.XmlElement('blockquote');
      parent.insert(0, [element]);
      element.insert(0, [new Y.XmlText(`level ${i}`)]);
      parent = element;
    }
  });
  return parent as Y.XmlElement;
}

/** The update a client sends (v1, as y-websocket does) for what `edit` changes in `doc`. */
function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  edit();
  return Y.encodeStateAsUpdate(doc, before);
}

describe('NestingGuard', () => {
  it('refuses a chain of elements 2,000 deep sent in one update', () => {
    const client = new Y.Doc();
    nest(client, 2000);
    expect(new NestingGuard(new Y.Doc(), LIMIT).admit(structsOf(Y.encodeStateAsUpdate(client)))).toBe(false);
  });

  it('accepts a type at exactly the limit and refuses one a level deeper (text counts as a level)', () => {
    const atLimit = new Y.Doc();
    nest(atLimit, LIMIT - 1); // its text is at level LIMIT
    expect(new NestingGuard(new Y.Doc(), LIMIT).admit(structsOf(Y.encodeStateAsUpdate(atLimit)))).toBe(true);
    const deeper = new Y.Doc();
    nest(deeper, LIMIT);
    expect(new NestingGuard(new Y.Doc(), LIMIT).admit(structsOf(Y.encodeStateAsUpdate(deeper)))).toBe(false);
  });

  it('counts the levels already in the document under a new element', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const bottom = nest(client, 60);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const guard = new NestingGuard(server, LIMIT);
    expect(guard.admit(structsOf(updateOf(client, () => nest(client, 3, bottom))))).toBe(true);
    const tooDeep = updateOf(client, () => nest(client, 5, bottom));
    expect(guard.admit(structsOf(tooDeep))).toBe(false);
  });

  it('counts updates accepted but not yet applied, until they are released', () => {
    const client = new Y.Doc();
    const bottom = nest(client, 50);
    const first = structsOf(Y.encodeStateAsUpdate(client));
    const second = structsOf(updateOf(client, () => nest(client, 30, bottom)));
    const guard = new NestingGuard(new Y.Doc(), LIMIT);
    expect(guard.admit(first)).toBe(true);
    expect(guard.admit(second)).toBe(false);
    guard.release(first); // e.g. it could not be stored: the second now builds on nothing known
    expect(guard.admit(second)).toBe(true);
  });

  it('catches a chain sent child-first, when the update that completes it arrives', () => {
    const client = new Y.Doc();
    let deepest: Y.XmlElement | undefined;
    const top = updateOf(client, () => {
      deepest = nest(client, 40);
    });
    const below = updateOf(client, () => nest(client, 40, deepest));

    const server = new Y.Doc();
    const guard = new NestingGuard(server, LIMIT);
    const first = structsOf(below);
    expect(guard.admit(first)).toBe(true); // 40 levels under something not yet known
    Y.applyUpdate(server, below); // held pending by Yjs
    guard.release(first);
    expect(server.store.pendingStructs).not.toBeNull();
    expect(guard.admit(structsOf(top))).toBe(false);

    const inFlight = new NestingGuard(new Y.Doc(), LIMIT);
    expect(inFlight.admit(structsOf(below))).toBe(true);
    expect(inFlight.admit(structsOf(top))).toBe(false);
  });

  it('accepts text typed one character per update, each building on the last', () => {
    const server = new Y.Doc();
    const guard = new NestingGuard(server, LIMIT);
    const client = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    const updates = [updateOf(client, () => client.getXmlFragment(FRAGMENT).insert(0, [paragraph])), updateOf(client, () => paragraph.insert(0, [text]))];
    for (let i = 0; i < 200; i += 1) updates.push(updateOf(client, () => text.insert(i, 'x')));
    for (const update of updates) {
      const structs = structsOf(update);
      expect(guard.admit(structs)).toBe(true);
      Y.applyUpdate(server, update);
      guard.release(structs);
    }
  });

  it('accepts ordinary documents: lists in lists in table cells', () => {
    const cell = (content: PmNode[]): PmNode => ({ type: 'tableCell', content });
    let list: PmNode = { type: 'paragraph', content: [{ type: 'text', text: 'innermost' }] };
    for (let i = 0; i < 8; i += 1) list = { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `item ${i}` }] }, list] }] };
    const table: PmNode = { type: 'table', content: [{ type: 'tableRow', content: [cell([list]), cell([{ type: 'paragraph', content: [] }])] }] };
    const client = new Y.Doc();
    appendJson(client, { type: 'doc', content: [{ type: 'blockquote', content: [table] }] });
    expect(new NestingGuard(new Y.Doc(), LIMIT).admit(structsOf(Y.encodeStateAsUpdate(client)))).toBe(true);
  });

  describe('server-side edits stay within MAX_NESTING', () => {
    const withinLimit = (doc: Y.Doc) => new NestingGuard(new Y.Doc(), MAX_NESTING).admit(structsOf(Y.encodeStateAsUpdate(doc)));

    it.each([
      ['blockquotes', '> '.repeat(10_000) + 'deep'],
      ['nested lists', Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')],
    ])('Markdown import of %s thousands of levels deep', (_name, markdown) => {
      const doc = new Y.Doc();
      importMarkdown(doc, markdown);
      expect(withinLimit(doc)).toBe(true);
    });

    it('restoring a version of a document nested far deeper than the limit', () => {
      const version = new Y.Doc();
      nest(version, 1000);
      const live = new Y.Doc();
      replaceWithJson(live, yDocToJson(version));
      expect(withinLimit(live)).toBe(true);
    });
  });
});
