import { jest } from '@jest/globals';
import * as Y from 'yjs';
import {
  FRAGMENT,
  MAX_DEPTH,
  decodeRelativePosition,
  encodeRelativePosition,
  ensureBlockIds,
  DraftIndex,
  findExact,
  findSimilar,
  flatText,
  jsonToHtml,
  jsonToMarkdown,
  jsonToText,
  numberedParagraphs,
  paragraphs,
  pointAt,
  projectRange,
  quoteOf,
  relativePosition,
  replaceBetween,
  replaceWithJson,
  textBlocks,
  yDocToHtml,
  yDocToJson,
  yDocToMarkdown,
  yDocToText,
} from './index';

/**
 * Documents as a hostile client could write them over the sync socket: random element trees with
 * random names and attributes, written directly through Yjs (not through an editor that knows the
 * schema). Seeded, so a failure names the seed that reproduces it.
 */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const NAMES = [
  'paragraph', 'paragraph', 'paragraph', 'heading', 'heading', 'bulletList', 'orderedList', 'listItem', 'listItem', 'blockquote',
  'table', 'tableRow', 'tableCell', 'tableHeader', 'hardBreak', 'codeBlock', 'image', 'horizontalRule', 'text', 'doc', '__proto__',
  'constructor', 'toString', '', 'x'.repeat(300), '<script>', 'p', 'h1',
] as const;
const KEYS = ['level', 'start', 'id', 'colspan', 'rowspan', 'colwidth', 'href', 'language', 'src', 'alt', '__proto__', 'constructor', 'style', 'class'] as const;
const TEXTS = [
  'plain words', 'Norms are implemented unevenly', '\u0000NUL\u0000', '\ud800 lone surrogate', 'مرحبا بالعالم', '# not a heading', '| not | a | cell |',
  '<img src=x onerror=alert(1)>', '1. not a list', '**', '\\', '\n\n- injected\n', ' ', '', '[x](javascript:alert(1))', '😀'.repeat(5),
] as const;

function hostileValue(r: Random, doc: Y.Doc | null, depth = 0): unknown {
  switch (r.int(16)) {
    case 0: return 1e9;
    case 1: return -1e9;
    case 2: return 1e300;
    case 3: return r.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.5, 2 ** 53]);
    case 4: return r.pick(['1e9', '7', '-3', 'abc', '', ' ', '0x10', 'Infinity']);
    case 5: return r.pick([null, true, false]);
    case 6: return r.int(10);
    case 7: return depth < 3 ? [hostileValue(r, null, depth + 1), 1e9, 'x'] : [];
    case 8: return depth < 3 ? { href: hostileValue(r, null, depth + 1), nested: { deeper: 1e9 } } : {};
    case 9: return new Uint8Array([0, 1, 2]);
    case 10: return doc ? new Y.XmlElement('paragraph') : 'y-type'; // a Yjs type as an attribute value
    case 11: return r.pick(['javascript:alert(1)', 'https://example.org/a b(c)', 'mailto:x@example.org', '/path', '#frag', 'https://ex\u0000ample.org', 'h'.repeat(5000)]);
    case 12: return r.pick(['6f1e7c9a-0000-4000-8000-000000000000', 'dup', 'dup', 'with space', '"><script>', 'i'.repeat(65)]);
    default: return r.pick(TEXTS);
  }
}

/** Runs of text with random marks, and embeds (objects, Yjs types) that no editor of this schema writes. */
function fillText(r: Random, doc: Y.Doc, text: Y.XmlText): void {
  for (let i = r.int(4); i >= 0; i -= 1) {
    const marks: Record<string, unknown> = {};
    if (r.chance(0.3)) marks.bold = r.pick([{}, true, 'yes', null, 5]);
    if (r.chance(0.3)) marks.link = r.pick([{ href: hostileValue(r, doc) }, 'https://example.org', { href: 'javascript:x' }, { href: { nested: 1 } }]);
    if (r.chance(0.1)) marks[r.pick(KEYS)] = hostileValue(r, doc);
    text.insert(text.length, r.pick(TEXTS), marks);
    if (r.chance(0.1)) text.insertEmbed(text.length, r.pick([{ image: 'x' }, new Y.XmlElement('paragraph'), [1, 2]]) as Record<string, unknown>);
  }
}

/** Fills `parent` with random children; `budget` bounds the number of nodes. */
function fillRandom(r: Random, doc: Y.Doc, parent: Y.XmlFragment | Y.XmlElement, depth: number, budget: { nodes: number }): void {
  const count = r.int(depth === 0 ? 8 : 5);
  for (let i = 0; i < count && budget.nodes > 0; i += 1) {
    budget.nodes -= 1;
    const kind = r.int(10);
    if (kind < 3) {
      const text = new Y.XmlText();
      parent.insert(parent.length, [text]);
      fillText(r, doc, text);
    } else if (kind === 3 && r.chance(0.5)) {
      // raw JSON values between nodes, as typeListInsertGenerics accepts them
      parent.insert(parent.length, [r.pick(['stray', 42, { a: 1 }, null])] as unknown as Y.XmlText[]);
    } else {
      const element = new Y.XmlElement(r.pick(NAMES));
      parent.insert(parent.length, [element]);
      for (let k = r.int(4); k > 0; k -= 1) element.setAttribute(r.pick(KEYS), hostileValue(r, doc) as string);
      if (depth < 8) fillRandom(r, doc, element, depth + 1, budget);
    }
  }
}

/** A document nested `levels` deep: lists in lists, or anything in anything. */
function deepDocument(levels: number, names: readonly string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(FRAGMENT);
    for (let i = 0; i < levels; i += 1) {
      const element = new Y.XmlElement(names[i % names.length] as string);
      parent.insert(0, [element]);
      if (i % 3 === 0) element.insert(0, [new Y.XmlText(`level ${i}`)]);
      parent = element;
    }
    parent.insert(parent.length, [new Y.XmlText('the bottom')]);
  });
  return doc;
}

/** What the server holds after a client's update: the update applied to a fresh document. */
function received(doc: Y.Doc): { doc: Y.Doc; bytes: number } {
  const update = Y.encodeStateAsUpdate(doc);
  const server = new Y.Doc();
  Y.applyUpdate(server, update);
  return { doc: server, bytes: update.length };
}

function hostileDocument(seed: number): Y.Doc {
  const r = random(seed);
  const doc = new Y.Doc();
  doc.transact(() => fillRandom(r, doc, doc.getXmlFragment(FRAGMENT), 0, { nodes: 200 }));
  return doc;
}

/** Output may grow with indentation and table padding, but only by a constant factor of the input. */
const bound = (bytes: number) => 200 * bytes + 10_000;

/** Every rendering and the anchoring code, on one document; returns the total output size. */
function exerciseAll(doc: Y.Doc, seed: number, options: { edit: boolean } = { edit: true }): number {
  const r = random(seed ^ 0x5eed);
  const json = yDocToJson(doc);
  const outputs = [
    JSON.stringify(json),
    yDocToMarkdown(doc),
    yDocToHtml(doc),
    yDocToText(doc),
    yDocToText(doc, { numbered: true }),
    JSON.stringify(numberedParagraphs(doc)),
    jsonToMarkdown(json),
    jsonToHtml(json),
    jsonToText(json, { numbered: true }),
  ];
  for (const text of outputs) expect(text.includes('\u0000')).toBe(false);
  expect(outputs[1]).not.toMatch(/(?<!\\)\]\(javascript:/i);
  expect(outputs[2]).not.toMatch(/<script|<img|href="javascript:/i);

  // the anchoring text is the numbered paragraphs' text, block for block
  const blocks = textBlocks(doc);
  expect(blocks.map((b) => [b.number, b.blockId, b.text])).toEqual(paragraphs(json).map((p) => [p.number, p.blockId, p.text]));
  const flat = flatText(blocks);
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(doc));
  if (flat.length && options.edit) {
    const a = r.int(flat.length + 1);
    const b = a + r.int(flat.length + 1 - a);
    const from = pointAt(blocks, a);
    const to = pointAt(blocks, b);
    expect(from && to).toBeTruthy();
    if (from && to) {
      const start = encodeRelativePosition(relativePosition(blocks, from, 0));
      const end = encodeRelativePosition(relativePosition(blocks, to, -1));
      DraftIndex.of(doc).resolve(decodeRelativePosition(start));
      const quote = quoteOf(flat, a, b);
      findExact(flat, quote, a);
      findSimilar(flat, quote, { start: a - 100, end: b + 100 }, a);
      const range = { quote, start, end, startParagraph: 0, endParagraph: 0, startOffset: from.offset, endOffset: to.offset, flatStart: a };
      expect(projectRange(DraftIndex.of(doc), range).status).toMatch(/EXACT|MOVED|CHANGED|ORPHANED/);
      // the live draft moves on: a suggestion applied, then the comment projected onto it
      replaceBetween(live, textBlocks(live), from, to, 'replacement \u0000 text');
      projectRange(DraftIndex.of(live), range);
    }
  }
  // block ids given for a version, and the version restored over the live draft
  ensureBlockIds(live, 'version');
  if (options.edit) {
    replaceWithJson(live, json);
    expect(numberedParagraphs(live).map((p) => p.text)).toEqual(paragraphs(json).map((p) => p.text));
  }
  return outputs.reduce((n, text) => n + text.length, 0);
}

describe('documents written by a hostile client', () => {
  // Yjs warns when a type given as an attribute or embed is read before it is part of a document
  beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('render in every format and anchor without throwing, within a bounded size (200 random documents)', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const { doc, bytes } = received(hostileDocument(seed));
      let size = 0;
      try {
        size = exerciseAll(doc, seed);
      } catch (error) {
        throw new Error(`seed ${seed}: ${error instanceof Error ? error.stack : String(error)}`);
      }
      expect({ seed, size: size <= bound(bytes) }).toEqual({ seed, size: true });
    }
  });

  it('clamps the attributes that would make a renderer allocate without bound', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FRAGMENT);
    const heading = new Y.XmlElement('heading');
    const list = new Y.XmlElement('orderedList');
    const item = new Y.XmlElement('listItem');
    const table = new Y.XmlElement('table');
    const row = new Y.XmlElement('tableRow');
    const cell = new Y.XmlElement('tableCell');
    fragment.insert(0, [heading, list, table]);
    heading.insert(0, [new Y.XmlText('Title')]);
    heading.setAttribute('level', 1e9 as unknown as string);
    list.insert(0, [item]);
    item.insert(0, [new Y.XmlText('first')]);
    list.setAttribute('start', 1e300 as unknown as string);
    table.insert(0, [row]);
    row.insert(0, [cell]);
    cell.insert(0, [new Y.XmlText('wide')]);
    cell.setAttribute('colspan', 1e9 as unknown as string);
    cell.setAttribute('rowspan', -5 as unknown as string);

    const markdown = yDocToMarkdown(doc);
    expect(markdown).toContain('###### Title');
    expect(markdown).not.toContain('#######');
    expect(markdown).toContain('999999999. first');
    expect(markdown.length).toBeLessThan(2000);
    const html = yDocToHtml(doc);
    expect(html).toContain('<h6>Title</h6>');
    expect(html).toContain('<ol start="999999999">');
    expect(html).toContain('<td colspan="100">');
    expect(html).not.toContain('rowspan');
    expect(yDocToJson(doc).content?.[0]?.attrs).toEqual({ level: 6 });
  });

  it.each([
    ['lists in lists', ['bulletList', 'listItem']],
    ['quotes in quotes', ['blockquote']],
    ['paragraphs in paragraphs', ['paragraph']],
    ['unknown nodes', ['mystery', 'table', 'tableRow', 'tableCell']],
  ])('renders %s 20,000 deep without exhausting the stack, leaving out what is deeper than MAX_DEPTH', (_name, names) => {
    // Yjs itself deletes a subtree by recursion, so at this depth only reading is possible: editing
    // (a suggestion, a restore) is checked at 4,000 below; the sync server must refuse such nesting
    const { doc, bytes } = received(deepDocument(20_000, names));
    const size = exerciseAll(doc, 7, { edit: false });
    expect(size).toBeLessThanOrEqual(bound(bytes));
    expect(yDocToText(doc)).not.toContain('the bottom');
    expect(ensureBlockIds(doc)).toBeLessThanOrEqual(MAX_DEPTH);
  });

  it('applies a suggestion and restores a version over content 4,000 deep', () => {
    const { doc, bytes } = received(deepDocument(4_000, ['paragraph', 'blockquote']));
    expect(exerciseAll(doc, 11)).toBeLessThanOrEqual(bound(bytes));
  });

  it('looks for a quote as long as the whole document in linear time, not minutes', () => {
    // 600 KB of distinct sentences; an approximate search would cost 600 K x 600 K / 32 steps
    const text = Array.from({ length: 12_000 }, (_, i) => `Sentence ${i} of a very long draft.`).join(' ');
    const quote = quoteOf(text, 0, text.length);
    expect(findExact(`Inserted first. ${text}`, quote, 0)).toEqual({ start: 16, end: 16 + text.length });
    const edited = text.replace('Sentence 5 ', 'Sentence five ');
    expect(findExact(edited, quote, 0)).toBeNull();
    expect(findSimilar(edited, quote, { start: 0, end: edited.length }, 0)).toBeNull();
  }, 30_000);

  it('keeps renderings and anchors in step at the depth limit', () => {
    const { doc } = received(deepDocument(MAX_DEPTH + 2, ['blockquote']));
    expect(textBlocks(doc).map((b) => b.text)).toEqual(numberedParagraphs(doc).map((p) => p.text));
  });

  it('gives a version freeze valid, unique block ids in place of missing, malformed and copied ones', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(FRAGMENT);
    const blocks = ['dup', 'dup', 5, { id: 1 }, 'with space', null].map((id) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('text')]);
      if (id !== null) p.setAttribute('id', id as string);
      return p;
    });
    fragment.insert(0, blocks);
    let n = 0;
    expect(ensureBlockIds(doc, 'version', () => `fresh-${(n += 1)}`)).toBe(5);
    expect(numberedParagraphs(doc).map((p) => p.blockId)).toEqual(['dup', 'fresh-1', 'fresh-2', 'fresh-3', 'fresh-4', 'fresh-5']);
  });
});
