import MarkdownIt from 'markdown-it';
import { userTextAttributes } from '../user-text';
import { BodyFormat } from './comment.entity';

/**
 * Comment bodies are stored as the commenter wrote them and rendered here, never passed through as
 * HTML: markdown-it with raw HTML off and only a small subset of rules (paragraphs, line breaks,
 * emphasis, lists, quotes, links, inline code). Links keep markdown-it's URL check (no javascript:,
 * vbscript:, file: or data: except images, which are off) and open without a referrer.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true })
  .enable(['paragraph', 'newline', 'emphasis', 'list', 'blockquote', 'link', 'autolink', 'linkify', 'backticks', 'escape', 'entity']);

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'nofollow noopener noreferrer ugc');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const plain = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable(['paragraph', 'newline', 'linkify']);
plain.renderer.rules.link_open = markdown.renderer.rules.link_open;

export const MAX_BODY_LENGTH = 20_000;

export function renderBody(body: string, format: BodyFormat): string {
  return (format === BodyFormat.MARKDOWN ? markdown : plain).render(body);
}

/** The rendered body in a block that carries its direction (`dir="auto"`) and language, for any HTML output. */
export function renderBodyHtml(body: string, format: BodyFormat, language: string | null): string {
  return `<div ${userTextAttributes(language)}>${renderBody(body, format)}</div>`;
}

/** Web links in a body (for the "link-heavy" moderation rule and the contribution's link list). */
export function linksIn(body: string): string[] {
  return (markdown.linkify.match(body) ?? []).map((m) => m.url);
}

/** Same text, whatever the case, punctuation and spacing: how identical submissions are recognised. */
export function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
