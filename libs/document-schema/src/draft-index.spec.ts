/* eslint-disable @typescript-eslint/no-explicit-any -- Yjs types are AbstractType<EventType>; changes of any kind are collected */
import * as Y from 'yjs';
import { DraftIndex } from './draft-index';
import { TEXTBLOCKS } from './schema';
import { baseDraft, proseMarkdown, random } from './testing/anchor-corpus';
import { EditorSession } from './testing/editor-session';

/** The textblocks that a transaction's changed types belong to (what LiveAnchors passes on). */
function collectTouched(doc: Y.Doc): Set<Y.AbstractType<any>> {
  const touched = new Set<Y.AbstractType<any>>();
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) {
      let t: Y.AbstractType<any> | null = type as Y.AbstractType<any>;
      while (t && !(t instanceof Y.XmlElement && TEXTBLOCKS.has(t.nodeName))) t = t.parent as Y.AbstractType<any> | null;
      if (t) touched.add(t);
    }
  });
  return touched;
}

const view = (index: DraftIndex) => ({ flat: index.flat, blocks: index.blocks.map((b) => [b.number, b.blockId, b.type, b.start, b.text]) });

describe('DraftIndex', () => {
  it('built from an earlier index and the blocks touched since, equals one built from scratch', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseDraft(proseMarkdown(200)));
    const editor = new EditorSession(doc);
    const rng = random(11);
    let index = DraftIndex.of(doc);
    const touched = collectTouched(doc);
    for (let round = 0; round < 30; round += 1) {
      touched.clear();
      for (let edit = 0; edit < 5; edit += 1) {
        const blocks = editor.blocks();
        const block = blocks[Math.floor(rng() * blocks.length)];
        const length = block.node.textContent.length;
        const kind = rng();
        const [from, to] = [Math.floor(rng() * length), Math.floor(rng() * length)].sort((a, b) => a - b);
        if (kind < 0.4) editor.replaceText(block, from, to, 'typed words');
        else if (kind < 0.55 && length > 4) editor.apply((tr, schema) => tr.addMark(block.pos + 1, block.pos + 3, schema.marks.bold.create()));
        else if (kind < 0.65 && length > 4) editor.apply((tr, schema) => tr.insert(block.pos + 2, schema.nodes.hardBreak.create()));
        else if (kind < 0.75 && length > 4) editor.split(block, 2);
        else if (kind < 0.85 && block.top === block.node) editor.deleteTop(block);
        else if (block.top === block.node) editor.moveTop(block, blocks[Math.floor(rng() * blocks.length)]);
      }
      const incremental = DraftIndex.of(doc, { index, touched });
      expect(view(incremental)).toEqual(view(DraftIndex.of(doc)));
      index = incremental;
    }
  });

  it('finds blocks by flat offset, and the Yjs item of a character', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseDraft('# Title\n\nFirst paragraph.\n\nSecond one.'));
    const index = DraftIndex.of(doc);
    expect(index.flat).toBe('Title\nFirst paragraph.\nSecond one.');
    expect(index.pointAt(0)).toEqual({ block: 0, offset: 0 });
    expect(index.pointAt(5)).toEqual({ block: 0, offset: 5 }); // a separator ends the block before
    expect(index.pointAt(6)).toEqual({ block: 1, offset: 0 });
    expect(index.pointAt(index.flat.length)).toEqual({ block: 2, offset: 'Second one.'.length });
    expect(index.pointAt(index.flat.length + 1)).toBeNull();
    expect(index.paragraphNumber(0)).toBe(0);
    expect(index.paragraphNumber(2)).toBe(2);
    const id = index.itemAt(6);
    expect(id && (Y.getItem(doc.store, id) as Y.Item).content.getContent()).toEqual(expect.arrayContaining([expect.stringMatching(/^F/)]));
    expect(index.itemAt(5)).toBeNull(); // the separator is no character of the document
  });
});
