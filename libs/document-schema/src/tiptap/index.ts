import { type AnyExtension, Extension, combineTransactionSteps, findChildrenInRange, getChangedRanges } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { TableKit } from '@tiptap/extension-table';
import { StarterKit, type StarterKitOptions } from '@tiptap/starter-kit';
import { blockIdOf, safeHref } from '../attributes';
import { BLOCK_ID, FRAGMENT, MARK, NODE, SCHEMA_VERSION, TEXTBLOCKS } from '../schema';

/*
 * The editor's side of the shared schema: the Tiptap extensions whose nodes and marks are exactly
 * NODE and MARK (nothing more, so the toolbar, input rules and shortcuts cannot make what exports
 * drop; nothing less, so opening a document never deletes what the editor cannot show), and the
 * block-id plugin. Built from the constants in ../schema, the one source of truth. Imports nothing
 * from Node (no node:crypto): it runs in browsers.
 */

export { FRAGMENT, SCHEMA_VERSION };

const schemaNames: ReadonlySet<string> = new Set<string>([...Object.values(NODE), ...Object.values(MARK)]);
const inSchema = (name: string): boolean => schemaNames.has(name);

/** StarterKit's content types (nodes and marks); each is on exactly when the shared schema has it. */
const STARTER_KIT_CONTENT = [
  'blockquote',
  'bold',
  'bulletList',
  'code',
  'codeBlock',
  'hardBreak',
  'heading',
  'horizontalRule',
  'italic',
  'link',
  'listItem',
  'orderedList',
  'paragraph',
  'strike',
  'underline',
] as const satisfies readonly (keyof StarterKitOptions)[];

/** A random RFC 4122 version-4 id; crypto.getRandomValues works in insecure contexts too (plain-http venue networks). */
export function newBlockId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** y-tiptap's sync plugin key (`ySyncPluginKey`): its transactions carry Yjs changes into the editor. */
const Y_SYNC = 'y-sync$';
/** A transaction that brings in what is already in the Y.Doc (loading, remote edits): never answered with a write. */
const fromYjs = (tr: Transaction): boolean => Boolean((tr.getMeta(Y_SYNC) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);

export const blockIdPluginKey = new PluginKey('blockIds');

/** The ProseMirror plugin of BlockIds (see there), usable without Tiptap's editor. */
export function blockIdPlugin(generate: () => string = newBlockId): Plugin {
  return new Plugin({
    key: blockIdPluginKey,
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged) || transactions.some(fromYjs)) return null;
      const transform = combineTransactionSteps(oldState.doc, [...transactions]);
      const touched = new Set<number>();
      for (const { newRange } of getChangedRanges(transform)) {
        for (const { pos } of findChildrenInRange(newState.doc, newRange, (node) => TEXTBLOCKS.has(node.type.name))) touched.add(pos);
      }
      if (!touched.size) return null;
      // ids held by blocks this edit did not touch win; among touched ones, the first in the document wins
      const kept = new Set<string>();
      const candidates: { pos: number; id: string | null }[] = [];
      newState.doc.descendants((node, pos) => {
        if (!TEXTBLOCKS.has(node.type.name)) return true;
        const id = blockIdOf(node.attrs[BLOCK_ID]);
        if (touched.has(pos)) candidates.push({ pos, id });
        else if (id) kept.add(id);
        return false;
      });
      const tr = newState.tr;
      for (const { pos, id } of candidates) {
        if (id && !kept.has(id)) kept.add(id);
        else tr.setNodeAttribute(pos, BLOCK_ID, generate());
      }
      if (!tr.docChanged) return null;
      return tr.setMeta('addToHistory', transactions.every((t) => t.getMeta('addToHistory') !== false));
    },
  });
}

export interface BlockIdOptions {
  generate: () => string;
}

/**
 * The `id` attribute of every textblock (paragraphs, headings), kept through edits; paragraph numbers
 * and comment anchors rely on it.
 * - It is not kept on split: the second half of a split block gets a fresh id, never a copy.
 * - A textblock a local edit touched gets a fresh id when it has none or shares one with another
 *   textblock (a new block, a pasted copy of a block of this document).
 * - What comes from Yjs (opening the document, others' edits) is never answered with a write: a block
 *   loaded without an id stays so until someone edits it (the server gives ids to those).
 */
export const BlockIds = Extension.create<BlockIdOptions>({
  name: 'blockIds',

  addOptions() {
    return { generate: newBlockId };
  },

  addGlobalAttributes() {
    return [
      {
        types: [...TEXTBLOCKS],
        attributes: {
          [BLOCK_ID]: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element: { getAttribute(name: string): string | null }) => blockIdOf(element.getAttribute('data-block-id') ?? element.getAttribute('id')),
            // data-block-id rather than id: a transient duplicate (a paste, before the plugin runs) is no duplicate DOM id
            renderHTML: (attributes: Record<string, unknown>) => {
              const id = blockIdOf(attributes[BLOCK_ID]);
              return id ? { 'data-block-id': id } : {};
            },
          },
        },
      },
    ];
  },

  addProseMirrorPlugins() {
    return [blockIdPlugin(this.options.generate)];
  },
});

export interface SchemaExtensionOptions {
  /** Fresh block ids (a UUID by default). */
  generateBlockId?: () => string;
}

/**
 * The extensions of every editor of Intersessional documents: StarterKit and TableKit reduced to the
 * shared schema, plus block ids. No undo history (add Collaboration, whose undo is per person) and no
 * trailing node (it writes an empty paragraph into the document on open).
 */
export function schemaExtensions(options: SchemaExtensionOptions = {}): AnyExtension[] {
  const starter: Partial<StarterKitOptions> = { undoRedo: false, trailingNode: false };
  for (const name of STARTER_KIT_CONTENT) {
    if (!inSchema(name)) (starter as Record<string, false>)[name] = false;
  }
  starter.heading = inSchema(NODE.heading) ? { levels: [1, 2, 3, 4, 5, 6] } : false;
  starter.link = inSchema(MARK.link)
    ? {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        // the same rule as the exports: a link the editor makes is a link the exports keep
        isAllowedUri: (url) => safeHref(url) !== null,
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow', class: null },
      }
    : false;
  const table = {
    table: inSchema(NODE.table) ? { resizable: false } : false,
    tableRow: inSchema(NODE.tableRow) ? {} : false,
    tableHeader: inSchema(NODE.tableHeader) ? {} : false,
    tableCell: inSchema(NODE.tableCell) ? {} : false,
  } as const;
  return [StarterKit.configure(starter), TableKit.configure(table), BlockIds.configure({ generate: options.generateBlockId ?? newBlockId })];
}
