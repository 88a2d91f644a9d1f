import MarkdownIt from 'markdown-it';
import { MARK, NODE, type PmMark, type PmNode } from './schema';

// Raw HTML is not passed through: people paste drafts from Word and Google Docs, never markup to run.
const parser = new MarkdownIt('commonmark', { html: false }).enable('table');

type Token = ReturnType<typeof parser.parse>[number];

const BLOCK_OPEN: Record<string, (token: Token) => PmNode> = {
  paragraph_open: () => ({ type: NODE.paragraph }),
  heading_open: (t) => ({ type: NODE.heading, attrs: { level: Number(t.tag.slice(1)) } }),
  bullet_list_open: () => ({ type: NODE.bulletList }),
  ordered_list_open: (t) => ({ type: NODE.orderedList, attrs: { start: Number(t.attrGet('start') ?? 1) } }),
  list_item_open: () => ({ type: NODE.listItem }),
  blockquote_open: () => ({ type: NODE.blockquote }),
  table_open: () => ({ type: NODE.table }),
  tr_open: () => ({ type: NODE.tableRow }),
  th_open: () => ({ type: NODE.tableHeader }),
  td_open: () => ({ type: NODE.tableCell }),
};

/** Inline tokens → text nodes with marks (bold, italic, link); code spans keep their text. */
function inline(tokens: Token[]): PmNode[] {
  const nodes: PmNode[] = [];
  const marks: PmMark[] = [];
  const drop = (type: string) => {
    const i = marks.map((m) => m.type).lastIndexOf(type);
    if (i >= 0) marks.splice(i, 1);
  };
  const text = (value: string) => {
    if (!value) return;
    const node: PmNode = { type: 'text', text: value };
    if (marks.length) node.marks = marks.map((m) => ({ ...m }));
    nodes.push(node);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text(token.content);
        break;
      case 'softbreak':
        text(' ');
        break;
      case 'hardbreak':
        nodes.push({ type: NODE.hardBreak });
        break;
      case 'strong_open':
        marks.push({ type: MARK.bold });
        break;
      case 'strong_close':
        drop(MARK.bold);
        break;
      case 'em_open':
        marks.push({ type: MARK.italic });
        break;
      case 'em_close':
        drop(MARK.italic);
        break;
      case 'link_open':
        marks.push({ type: MARK.link, attrs: { href: token.attrGet('href') ?? '' } });
        break;
      case 'link_close':
        drop(MARK.link);
        break;
      default:
        if (token.content) text(token.content);
    }
  }
  return nodes;
}

/** Markdown (CommonMark + tables) → ProseMirror JSON in the shared schema. */
export function markdownToJson(markdown: string): PmNode {
  const root: PmNode = { type: 'doc', content: [] };
  const stack: PmNode[] = [root];
  const top = () => stack[stack.length - 1] as PmNode;
  const append = (node: PmNode) => {
    const parent = top();
    (parent.content ??= []).push(node);
  };
  for (const token of parser.parse(markdown, {})) {
    const open = BLOCK_OPEN[token.type];
    if (open) {
      const node = open(token);
      append(node);
      stack.push(node);
    } else if (token.type.endsWith('_close') && BLOCK_OPEN[token.type.replace('_close', '_open')]) {
      stack.pop();
    } else if (token.type === 'inline') {
      const parent = top();
      const content = inline(token.children ?? []);
      // table cells hold paragraphs in Tiptap's schema
      if (parent.type === NODE.tableCell || parent.type === NODE.tableHeader) append({ type: NODE.paragraph, content });
      else if (content.length) (parent.content ??= []).push(...content);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      append({ type: NODE.paragraph, content: token.content.trimEnd() ? [{ type: 'text', text: token.content.trimEnd() }] : [] });
    }
  }
  return root;
}
