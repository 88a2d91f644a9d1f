/**
 * The rich-text schema shared by the server and every editor. Names and attributes are those of
 * Tiptap's StarterKit and prosemirror-schema-basic, stored in a Y.Doc the way y-prosemirror stores them,
 * so Tiptap and ProseMirror clients edit the same document unchanged:
 * - the document is the Y.XmlFragment named `default`;
 * - each node is a Y.XmlElement whose nodeName is the node type and whose attributes are its attrs;
 * - text is Y.XmlText whose formatting attributes are the marks (`{ bold: {} }`, `{ link: { href } }`).
 */
export const FRAGMENT = 'default';

/**
 * The version of this schema (its node and mark types and their attributes). Editors send it when they
 * connect (`schemaVersion` on /collab); the sync server refuses another version with close code 4426,
 * so an editor built for an older or newer schema never deletes what it cannot show. Raise it with
 * any change to NODE, MARK or their attributes, and deploy server and web app together.
 */
export const SCHEMA_VERSION = 1;

/** Attribute holding a block's stable id (textblocks: paragraphs and headings). */
export const BLOCK_ID = 'id';

export const NODE = {
  paragraph: 'paragraph',
  heading: 'heading',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  blockquote: 'blockquote',
  table: 'table',
  tableRow: 'tableRow',
  tableHeader: 'tableHeader',
  tableCell: 'tableCell',
  hardBreak: 'hardBreak',
} as const;

export const MARK = { bold: 'bold', italic: 'italic', link: 'link' } as const;

export type MarkName = (typeof MARK)[keyof typeof MARK];

/** ProseMirror JSON, as `editor.getJSON()` returns it. */
export interface PmMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

export const TEXTBLOCKS: ReadonlySet<string> = new Set([NODE.paragraph, NODE.heading]);
