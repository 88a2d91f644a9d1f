import MarkdownIt from 'markdown-it';
import { htmlText, markdownCell } from './user-text';

/** A permissive viewer (raw HTML on), as some Markdown previewers are. */
const viewer = new MarkdownIt({ html: true, linkify: true });
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[a]: javascript:alert(1)\n[b][a]',
  '&lt;b&gt;entity&lt;/b&gt; &#60;i&#62;',
  '`code` *em* __strong__ ~~s~~',
  'a | b \\| c',
];

describe('markdownCell', () => {
  it.each(HOSTILE)('keeps %j as text in a table cell: no element, no link', (text) => {
    const html = viewer.render(`| c |\n|---|\n| ${markdownCell(text)} |\n`);
    const cell = /<td>(.*)<\/td>/s.exec(html)?.[1] ?? '';
    expect(cell).not.toMatch(/<(?!br\b)[a-z]/i);
    expect(html.match(/<td>/g)).toHaveLength(1);
  });

  it('turns line breaks into the table’s own <br> and keeps Arabic as it is', () => {
    expect(markdownCell('سطر أول\nسطر ثان')).toBe('سطر أول <br> سطر ثان');
  });
});

describe('htmlText', () => {
  it('escapes the text and marks direction and language', () => {
    expect(htmlText('p', '<b>مرحبا</b>', 'ar')).toBe('<p dir="auto" lang="ar">&lt;b&gt;مرحبا&lt;/b&gt;</p>');
    expect(htmlText('span', 'x', 'en" onmouseover="alert(1)')).toBe('<span dir="auto" lang="en&quot; onmouseover=&quot;alert(1)">x</span>');
  });
});
