import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';

interface RelativeSelection {
  type: string;
  anchor: unknown;
  head: unknown;
  absAnchor?: number;
  absHead?: number;
}

interface Binding {
  doc: unknown;
  type: unknown;
  mapping: unknown;
  beforeTransactionSelection: RelativeSelection | null;
}

const blockIdOf = (attrs: Record<string, unknown>): string | null => (typeof attrs.id === 'string' && attrs.id ? attrs.id : null);

/**
 * Keeps the caret where Yjs puts it when someone else types into the same paragraph.
 *
 * y-tiptap (3.x) restores the local selection after a remote change from Yjs relative positions, then
 * second-guesses the result: when the paragraph's text changed, it takes the answer for a structural
 * change (a moved block) and puts the caret back at its old offset. With two people typing into one
 * paragraph, each remote character then pushes the local caret one place back, and what the person
 * types comes out reversed. Here the Yjs answer wins whenever it lies in the very block (same block
 * id) the caret was in before; other cases are left to y-tiptap.
 */
export const KeepCaret = Extension.create({
  name: 'keepCaret',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('keepCaret'),
        appendTransaction(transactions, oldState, newState) {
          const remote = transactions.find((tr) => {
            const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
            return meta?.isChangeOrigin && !meta.isUndoRedoOperation && tr.docChanged;
          });
          if (!remote) return null;
          const binding = (ySyncPluginKey.getState(newState) as { binding?: Binding } | undefined)?.binding;
          const before = binding?.beforeTransactionSelection;
          if (!binding || !before || before.type !== 'text' || before.absAnchor === undefined || before.absHead === undefined) return null;

          const fixed = (rel: unknown, oldAbs: number, chosen: number): number => {
            if (oldAbs > oldState.doc.content.size) return chosen;
            const $old = oldState.doc.resolve(oldAbs);
            const id = $old.parent.isTextblock ? blockIdOf($old.parent.attrs) : null;
            if (!id) return chosen;
            const raw = relativePositionToAbsolutePosition(binding.doc as never, binding.type as never, rel as never, binding.mapping as never);
            if (raw === null || raw < 0 || raw > newState.doc.content.size) return chosen;
            const $raw = newState.doc.resolve(raw);
            return $raw.parent.isTextblock && blockIdOf($raw.parent.attrs) === id ? raw : chosen;
          };
          const anchor = fixed(before.anchor, before.absAnchor, newState.selection.anchor);
          const head = fixed(before.head, before.absHead, newState.selection.head);
          if (anchor === newState.selection.anchor && head === newState.selection.head) return null;
          return newState.tr.setSelection(TextSelection.create(newState.doc, anchor, head)).setMeta('addToHistory', false);
        },
      }),
    ];
  },
});
