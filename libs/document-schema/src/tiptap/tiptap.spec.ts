import { getSchema } from '@tiptap/core';
import { splitBlock } from '@tiptap/pm/commands';
import type { Node as PmNodeType, Schema } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { markdownToJson } from '../markdown-import';
import { jsonToHtml, jsonToMarkdown } from '../render';
import { SCHEMA_VERSION as MAIN_SCHEMA_VERSION, MARK, NODE, type PmNode } from '../schema';
import { SCHEMA_VERSION, blockIdPlugin, newBlockId, schemaExtensions } from './index';

const schema: Schema = getSchema(schemaExtensions());

let counter = 0;
const generate = () => `fresh-${(counter += 1)}`;

const p = (id: string | null, text: string): PmNode => ({ type: 'paragraph', attrs: { id }, content: text ? [{ type: 'text', text }] : undefined });

function stateOf(blocks: PmNode[]): EditorState {
  return EditorState.create({ schema, doc: schema.nodeFromJSON({ type: 'doc', content: blocks }), plugins: [blockIdPlugin(generate)] });
}

const ids = (state: EditorState): (string | null)[] => {
  const out: (string | null)[] = [];
  state.doc.descendants((node) => {
    if (node.isTextblock) out.push(node.attrs.id as string | null);
    return !node.isTextblock;
  });
  return out;
};

const apply = (state: EditorState, make: (state: EditorState) => Transaction): EditorState => state.applyTransaction(make(state)).state;

/** Position inside the first textblock's text, after `offset` characters. */
const inFirstBlock = (offset: number) => 1 + offset;

describe('the Tiptap side of the shared schema', () => {
  beforeEach(() => {
    counter = 0;
  });

  it('has exactly the nodes and marks the server stores and renders, no more and no fewer', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(['doc', 'text', ...Object.values(NODE)].sort());
    expect(Object.keys(schema.marks).sort()).toEqual([...Object.values(MARK)].sort());
    // the toolbar's "anything else" of StarterKit is not there
    for (const absent of ['codeBlock', 'horizontalRule', 'strike', 'code', 'underline']) {
      expect(schema.nodes[absent] ?? schema.marks[absent]).toBeUndefined();
    }
  });

  it('exports one schema version from the main entry (for the server) and the Tiptap entry (for the editor)', () => {
    expect(SCHEMA_VERSION).toBe(MAIN_SCHEMA_VERSION);
    expect(Number.isInteger(SCHEMA_VERSION)).toBe(true);
  });

  it('makes block ids as the server accepts them', () => {
    const made = new Set(Array.from({ length: 100 }, newBlockId));
    expect(made.size).toBe(100);
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps a paragraph id through typing', () => {
    let state = stateOf([p('a1', 'Hello world'), p('b2', 'Second')]);
    state = apply(state, (s) => s.tr.insertText('big ', inFirstBlock(6)));
    expect(state.doc.firstChild?.textContent).toBe('Hello big world');
    expect(ids(state)).toEqual(['a1', 'b2']);
  });

  it('gives the second half of a split paragraph a new id (in the middle and at the end)', () => {
    let state = stateOf([p('a1', 'Hello world'), p('b2', 'Second')]);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, inFirstBlock(6))));
    let next: Transaction | undefined;
    expect(splitBlock(state, (tr) => (next = tr))).toBe(true);
    state = state.applyTransaction(next!).state;
    expect(state.doc.child(0).textContent).toBe('Hello ');
    expect(state.doc.child(1).textContent).toBe('world');
    expect(ids(state)).toEqual(['a1', 'fresh-1', 'b2']);

    // Enter at the end of a paragraph: a new, empty paragraph with its own id
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.doc.child(0).nodeSize - 1)));
    expect(splitBlock(state, (tr) => (next = tr))).toBe(true);
    state = state.applyTransaction(next!).state;
    expect(ids(state)).toEqual(['a1', 'fresh-2', 'fresh-1', 'b2']);
    expect(new Set(ids(state)).size).toBe(4);
  });

  it('gives a new paragraph and a new heading a fresh id', () => {
    let state = stateOf([p('a1', 'Only')]);
    state = apply(state, (s) => s.tr.insert(s.doc.content.size, [schema.nodes.heading.create({ level: 2 }, schema.text('Title')), schema.nodes.paragraph.create()]));
    expect(ids(state)).toEqual(['a1', 'fresh-1', 'fresh-2']);
  });

  it('gives pasted copies of blocks already in the document new ids, and keeps the originals', () => {
    let state = stateOf([p('a1', 'One'), p('b2', 'Two')]);
    const copy = schema.nodeFromJSON({ type: 'doc', content: [p('a1', 'One'), p('b2', 'Two'), p('c3', 'Three from elsewhere')] }).content;
    state = apply(state, (s) => s.tr.insert(s.doc.content.size, copy));
    expect(ids(state)).toEqual(['a1', 'b2', 'fresh-1', 'fresh-2', 'c3']);
  });

  it('writes nothing for what comes from Yjs (opening a document, others’ edits): blocks without ids stay so', () => {
    let state = stateOf([p('a1', 'One')]);
    const before = state.doc;
    state = apply(state, (s) =>
      s.tr.insert(s.doc.content.size, [schema.nodes.paragraph.create(null, schema.text('No id')), schema.nodes.paragraph.create({ id: 'a1' }, schema.text('Same id'))]).setMeta('y-sync$', { isChangeOrigin: true }),
    );
    expect(ids(state)).toEqual(['a1', null, 'a1']);
    expect(state.doc.eq(before)).toBe(false);
    // a plain selection change is no edit either
    const again = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2)));
    expect(again.doc.eq(state.doc)).toBe(true);
  });

  describe('a document with every node and mark the editor can make', () => {
    const text = (value: string, marks?: PmNode['marks']): PmNode => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
    const cell = (type: string, value: string): PmNode => ({ type, content: [p(null, value)] });
    const sample: PmNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Findings')] },
        {
          type: 'paragraph',
          content: [
            text('Plain, '),
            text('bold', [{ type: 'bold' }]),
            text(', '),
            text('italic', [{ type: 'italic' }]),
            text(' and '),
            text('a link', [{ type: 'link', attrs: { href: 'https://www.intgovforum.org/' } }]),
            { type: 'hardBreak' },
            text('after a break'),
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(null, 'Bullet one')] }, { type: 'listItem', content: [p(null, 'Bullet two')] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(null, 'Third')] }, { type: 'listItem', content: [p(null, 'Fourth')] }] },
        { type: 'blockquote', content: [p(null, 'Quoted')] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Region'), cell('tableHeader', 'Sessions')] },
            { type: 'tableRow', content: [cell('tableCell', 'Africa'), cell('tableCell', '12')] },
          ],
        },
      ],
    };

    /** What a reader sees, without editor-only attributes (ids, Tiptap's defaults): types, text, marks, levels, hrefs, starts. */
    const shape = (node: PmNode): unknown => {
      const out: Record<string, unknown> = { type: node.type };
      if (node.type === 'text') {
        out.text = node.text;
        const marks = (node.marks ?? []).map((m) => (m.type === 'link' ? `link:${String(m.attrs?.href)}` : m.type)).sort();
        if (marks.length) out.marks = marks;
      }
      if (node.type === 'heading') out.level = Number(node.attrs?.level);
      if (node.type === 'orderedList') out.start = Number(node.attrs?.start ?? 1);
      if (node.content?.length) out.content = node.content.map(shape);
      return out;
    };

    const loaded: PmNodeType = schema.nodeFromJSON(sample);

    it('is valid in the editor’s schema and uses every node and mark type it has', () => {
      loaded.check();
      const types = new Set<string>();
      loaded.descendants((node) => {
        types.add(node.type.name);
        node.marks.forEach((m) => types.add(m.type.name));
        return true;
      });
      types.add('doc');
      expect([...types].sort()).toEqual([...Object.keys(schema.nodes), ...Object.keys(schema.marks)].sort());
    });

    it('survives the round trip through the server’s Markdown export and import', () => {
      const json = loaded.toJSON() as PmNode;
      const markdown = jsonToMarkdown(json);
      const back = schema.nodeFromJSON(markdownToJson(markdown));
      back.check();
      expect(shape(back.toJSON() as PmNode)).toEqual(shape(json));
    });

    it('is all in the server’s HTML export', () => {
      const html = jsonToHtml(loaded.toJSON() as PmNode);
      for (const part of [
        '<h2>Findings</h2>',
        '<strong>bold</strong>',
        '<em>italic</em>',
        '<a href="https://www.intgovforum.org/">a link</a>',
        '<br>after a break',
        '<ul><li><p>Bullet one</p></li>',
        '<ol start="3"><li><p>Third</p></li>',
        '<blockquote><p>Quoted</p></blockquote>',
        '<table><tr><th><p>Region</p></th>',
        '<td><p>12</p></td>',
      ]) {
        expect(html).toContain(part);
      }
    });
  });
});
