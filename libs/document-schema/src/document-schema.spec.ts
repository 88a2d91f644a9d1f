import { getSchema } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import {
  FRAGMENT,
  ensureBlockIds,
  jsonToHtml,
  jsonToMarkdown,
  type PmNode,
  importMarkdown,
  numberedParagraphs,
  yDocToHtml,
  yDocToMarkdown,
  yDocToText,
} from './index';

const DRAFT = `# Draft output: Cybersecurity

An **introduction** with *emphasis* and a [link](https://www.intgovforum.org/).

## Findings

1. First finding
2. Second finding, with **bold**

- A point
- Another point

> A quoted contribution.

| Stakeholder | Inputs |
| --- | --- |
| Civil society | 12 |
| Government | 4 |
`;

/** Tiptap's own schema: StarterKit (headings, lists, quotes, marks, links) and tables. */
const tiptap = getSchema([StarterKit, Table, TableRow, TableHeader, TableCell]);

const fromMarkdown = (markdown: string) => {
  const doc = new Y.Doc();
  importMarkdown(doc, markdown);
  return doc;
};

describe('document schema', () => {
  it('imports Markdown into the Y.Doc structure a Tiptap editor reads unchanged', () => {
    const doc = fromMarkdown(DRAFT);
    const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), tiptap);
    expect(() => node.check()).not.toThrow();
    // Tiptap adds its attribute defaults (colspan, rel, …); the content and structure are the same
    expect(jsonToMarkdown(node.toJSON() as PmNode)).toBe(yDocToMarkdown(doc));
    const types = node.content.content.map((n) => n.type.name);
    expect(types).toEqual(['heading', 'paragraph', 'heading', 'orderedList', 'bulletList', 'blockquote', 'table']);
  });

  it('reads documents that a Tiptap client wrote through y-prosemirror', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Recommendations' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Open ' }, { type: 'text', text: 'data', marks: [{ type: 'bold' }] }] },
      ],
    };
    const doc = prosemirrorJSONToYDoc(tiptap, json, FRAGMENT);
    expect(yDocToMarkdown(doc)).toBe('## Recommendations\n\nOpen **data**\n');
  });

  it('round-trips Markdown → Y.Doc → Markdown keeping the structure', () => {
    const once = yDocToMarkdown(fromMarkdown(DRAFT));
    const twice = yDocToMarkdown(fromMarkdown(once));
    expect(twice).toBe(once);
    expect(once).toContain('# Draft output: Cybersecurity');
    expect(once).toContain('An **introduction** with *emphasis* and a [link](https://www.intgovforum.org/).');
    expect(once).toContain('1. First finding\n2. Second finding, with **bold**');
    expect(once).toContain('- A point\n- Another point');
    expect(once).toContain('> A quoted contribution.');
    expect(once).toContain('| Civil society | 12 |');
  });

  it('renders HTML with every text escaped and only safe links', () => {
    const doc = fromMarkdown('Hello <script>alert(1)</script> & [bad](javascript:alert(1)) [good](https://example.org)');
    const html = yDocToHtml(doc);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/href="javascript/);
    expect(html).toContain('<a href="https://example.org">good</a>');
    // a hostile client can write any mark into the Y.Doc; export still drops unsafe links
    const hostile = jsonToHtml({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }],
    });
    expect(hostile).toBe('<p>click</p>');
  });

  it('numbers paragraphs in reading order, across lists, quotes and tables, skipping headings', () => {
    const doc = fromMarkdown(DRAFT);
    const list = numberedParagraphs(doc);
    expect(list.filter((p) => p.type === 'heading').every((p) => p.number === 0)).toBe(true);
    expect(list.filter((p) => p.number > 0).map((p) => p.text)).toEqual([
      'An introduction with emphasis and a link.',
      'First finding',
      'Second finding, with bold',
      'A point',
      'Another point',
      'A quoted contribution.',
      'Stakeholder',
      'Inputs',
      'Civil society',
      '12',
      'Government',
      '4',
    ]);
    expect(yDocToText(doc, { numbered: true })).toContain('[2] First finding');
  });

  it('assigns missing block ids as one edit that other replicas receive, and keeps existing ones', () => {
    const doc = fromMarkdown('First\n\nSecond');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    let n = 0;
    expect(ensureBlockIds(doc, 'server', () => `block-${(n += 1)}`)).toBe(2);
    expect(updates).toHaveLength(1);
    updates.forEach((u) => Y.applyUpdate(replica, u));
    expect(numberedParagraphs(replica).map((p) => p.blockId)).toEqual(['block-1', 'block-2']);
    expect(ensureBlockIds(doc)).toBe(0);
    expect(yDocToHtml(replica)).toBe('<p id="block-1">First</p>\n<p id="block-2">Second</p>');
  });
});
