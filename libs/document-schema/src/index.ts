import type * as Y from 'yjs';
import { markdownToJson } from './markdown-import';
import { jsonToHtml, jsonToMarkdown, jsonToText, paragraphs, type NumberedParagraph } from './render';
import { appendJson, yDocToJson } from './ydoc-json';

export * from './attributes';
export * from './block-ids';
export * from './markdown-import';
export * from './render';
export * from './schema';
export * from './ydoc-json';

/** Fills an empty Y.Doc from Markdown, in one transaction. */
export const importMarkdown = (doc: Y.Doc, markdown: string, origin?: unknown) => appendJson(doc, markdownToJson(markdown), origin);
export const yDocToMarkdown = (doc: Y.Doc) => jsonToMarkdown(yDocToJson(doc));
export const yDocToHtml = (doc: Y.Doc) => jsonToHtml(yDocToJson(doc));
export const yDocToText = (doc: Y.Doc, options: { numbered?: boolean } = {}) => jsonToText(yDocToJson(doc), options);
export const numberedParagraphs = (doc: Y.Doc): NumberedParagraph[] => paragraphs(yDocToJson(doc));
export * from './anchors';
export * from './draft-index';
export * from './anchor-projection';
export * from './quote-search';
