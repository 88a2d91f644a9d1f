import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { EditorState, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { BLOCK_ID, FRAGMENT, NODE } from '../schema';
import { schemaExtensions } from '../tiptap';

/** A textblock as the editor sees it: its node, where it starts, and its place among `textBlocks()`. */
export interface EditorBlock {
  node: PmNode;
  /** Position of the node itself (its text starts at pos + 1). */
  pos: number;
  /** The top-level node holding it, and that node's position. */
  top: PmNode;
  topPos: number;
}

type Meta = ReturnType<typeof initProseMirrorDoc>['meta'];

/**
 * Edits a Y.Doc the way a person at the Tiptap editor does: a ProseMirror transaction, then the
 * editor's own Yjs binding (y-tiptap's updateYFragment, what its sync plugin runs after every local
 * transaction) turns the new document into Yjs operations. So a retyped word becomes the minimal text
 * diff, Enter splits a paragraph by cutting its tail into a new one, Backspace at a paragraph's start
 * joins it to the one before, and cut and paste are two transactions (a deletion, then new content).
 * For tests and benchmarks only.
 */
export class EditorSession {
  private static schema: Schema | null = null;
  private pm: PmNode;
  private readonly meta: Meta;
  private readonly fragment: Y.XmlFragment;

  constructor(private readonly ydoc: Y.Doc) {
    EditorSession.schema ??= getSchema(schemaExtensions());
    this.fragment = ydoc.getXmlFragment(FRAGMENT);
    const { doc, meta } = initProseMirrorDoc(this.fragment, EditorSession.schema);
    this.pm = doc;
    this.meta = meta;
  }

  get doc(): PmNode {
    return this.pm;
  }

  /** One editor transaction. */
  apply(edit: (tr: Transaction, schema: Schema) => void): void {
    const tr = EditorState.create({ doc: this.pm }).tr;
    edit(tr, this.pm.type.schema);
    if (!tr.docChanged) return;
    this.pm = tr.doc;
    this.ydoc.transact(() => updateYFragment(this.ydoc, this.fragment, this.pm, this.meta), 'editor');
  }

  /** Textblocks in reading order, skipping blank paragraphs (as `textBlocks()` does). */
  blocks(): EditorBlock[] {
    const blocks: EditorBlock[] = [];
    this.pm.forEach((top, offset) => {
      const topPos = offset;
      const visit = (node: PmNode, pos: number) => {
        if (node.isTextblock) {
          if (node.type.name !== NODE.paragraph || node.textContent.trim()) blocks.push({ node, pos, top, topPos });
          return;
        }
        node.forEach((child, childOffset) => visit(child, pos + 1 + childOffset));
      };
      visit(top, topPos);
    });
    return blocks;
  }

  /** Replaces characters [from, to) of a textblock's text with `text` (typing over a selection). */
  replaceText(block: EditorBlock, from: number, to: number, text: string): void {
    this.apply((tr) => {
      if (text) tr.insertText(text, block.pos + 1 + from, block.pos + 1 + to);
      else tr.delete(block.pos + 1 + from, block.pos + 1 + to);
    });
  }

  /** Presses Enter at a character offset of a textblock. */
  split(block: EditorBlock, at: number): void {
    this.apply((tr) => tr.split(block.pos + 1 + at));
  }

  /** Presses Backspace at the start of a top-level block: it joins the block before. */
  joinBackward(block: EditorBlock): void {
    this.apply((tr) => tr.join(block.topPos));
  }

  /** Deletes a whole top-level block (selecting it and pressing Delete). */
  deleteTop(block: EditorBlock): void {
    this.apply((tr) => tr.delete(block.topPos, block.topPos + block.top.nodeSize));
  }

  /**
   * Cuts a top-level block and pastes it before another one: two transactions, as in the editor (the
   * pasted copy gets a new block id, as the block-id plugin gives it).
   */
  moveTop(block: EditorBlock, before: EditorBlock): void {
    const cut = block.top;
    const target = before.topPos > block.topPos ? before.topPos - cut.nodeSize : before.topPos;
    this.deleteTop(block);
    this.apply((tr) => tr.insert(target, cut.type.create(BLOCK_ID in cut.attrs ? { ...cut.attrs, [BLOCK_ID]: null } : cut.attrs, cut.content, cut.marks)));
  }

  /** Inserts a new paragraph before a top-level block. */
  insertParagraphBefore(before: EditorBlock, text: string): void {
    this.apply((tr, schema) => tr.insert(before.topPos, schema.nodes[NODE.paragraph].create(null, schema.text(text))));
  }
}
