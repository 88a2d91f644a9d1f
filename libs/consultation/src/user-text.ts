import { escapeHtml, escapeMarkdown } from '@intersessional/document-schema';

/**
 * What people wrote, placed in an output. Every format escapes it as text: no HTML, no link or image
 * syntax, no `javascript:` link can come from a commenter, a facilitator's response or a title.
 */

/** One Markdown table cell: escaped (also `&` so entities stay literal, and `~`), one line, our own `<br>` for breaks. */
export const markdownCell = (text: string): string =>
  escapeMarkdown(text)
    .replace(/[&~]/g, '\\$&')
    .replace(/\r?\n+/g, ' <br> ')
    .trim();

/**
 * The attributes of an HTML element holding user text: `dir="auto"` so right-to-left text (Arabic)
 * runs right to left, and its language where it is known.
 */
export const userTextAttributes = (language?: string | null): string => `dir="auto"${language ? ` lang="${escapeHtml(language)}"` : ''}`;

/** Escaped text in an element carrying its direction and language. */
export const htmlText = (tag: string, text: string, language?: string | null): string => `<${tag} ${userTextAttributes(language)}>${escapeHtml(text)}</${tag}>`;
