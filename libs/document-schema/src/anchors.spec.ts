import * as Y from 'yjs';
import { type StoredRange, projectRange } from './anchor-projection';
import {
  encodeRelativePosition,
  flatOffsetOf,
  flatText,
  paragraphNumberAt,
  pointAt,
  quoteOf,
  relativePosition,
  replaceBetween,
  textBlocks,
} from './anchors';
import { DraftIndex } from './draft-index';
import { ensureBlockIds } from './block-ids';
import { findExact } from './quote-search';
import { importMarkdown, numberedParagraphs, yDocToMarkdown } from './index';

const MARKDOWN = `# Findings

Norms are implemented unevenly across regions.

Capacity building works best when it is demand-driven.

- Governments should publish how they implement each norm.
- Donors should fund capacity building for three years.

Civil society is rarely consulted.
`;

/** A "live" document and a frozen version of it sharing the same Yjs items, as the server has them. */
function versionAndLive() {
  const live = new Y.Doc();
  importMarkdown(live, MARKDOWN);
  let n = 0;
  ensureBlockIds(live, null, () => `b${(n += 1)}`);
  const version = new Y.Doc();
  Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
  return { live, version };
}

/** Anchors `exact` (first occurrence) in the version, as a comment would be stored. */
function anchor(version: Y.Doc, exact: string): StoredRange {
  const blocks = textBlocks(version);
  const flat = flatText(blocks);
  const start = flat.indexOf(exact);
  const from = pointAt(blocks, start)!;
  const to = pointAt(blocks, start + exact.length)!;
  return {
    quote: quoteOf(flat, start, start + exact.length),
    start: encodeRelativePosition(relativePosition(blocks, from, 0)),
    end: encodeRelativePosition(relativePosition(blocks, to, -1)),
    startParagraph: paragraphNumberAt(blocks, from.block),
    endParagraph: paragraphNumberAt(blocks, to.block),
    startOffset: from.offset,
    endOffset: to.offset,
    flatStart: start,
  };
}

const project = (live: Y.Doc, range: StoredRange) => projectRange(DraftIndex.of(live), range);

/** Edits the live doc's text: replaces the first occurrence of `find` by `by`. */
function editLive(live: Y.Doc, find: string, by: string) {
  const blocks = textBlocks(live);
  const flat = flatText(blocks);
  const at = flat.indexOf(find);
  replaceBetween(live, blocks, pointAt(blocks, at)!, pointAt(blocks, at + find.length)!, by);
}

describe('comment anchors', () => {
  it('numbers textblocks exactly like the numbered-paragraph rendering', () => {
    const { version } = versionAndLive();
    const fromY = textBlocks(version).map((b) => ({ number: b.number, blockId: b.blockId, text: b.text }));
    const fromJson = numberedParagraphs(version).map((p) => ({ number: p.number, blockId: p.blockId, text: p.text }));
    expect(fromY).toEqual(fromJson);
  });

  it('is EXACT while the passage is untouched, also after edits elsewhere in the same paragraph', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'demand-driven');
    expect(project(live, range)).toMatchObject({ status: 'EXACT', text: 'demand-driven', startParagraph: 2, endParagraph: 2 });
    editLive(live, 'Civil society', 'Civil society and academia');
    expect(project(live, range).status).toBe('EXACT');
  });

  it('is MOVED when the same text is now somewhere else (a paragraph inserted before, or text before it in its paragraph)', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'demand-driven');
    editLive(live, 'Capacity building works', 'In our experience, capacity building works');
    expect(project(live, range)).toMatchObject({ status: 'MOVED', text: 'demand-driven', startParagraph: 2 });

    const other = anchor(version, 'rarely consulted');
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('A new first paragraph.')]);
    live.getXmlFragment('default').insert(1, [p]);
    expect(project(live, other)).toMatchObject({ status: 'MOVED', text: 'rarely consulted', startParagraph: 6 });
  });

  it('is CHANGED when the passage was edited, and shows today’s text', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'Norms are implemented unevenly across regions');
    editLive(live, 'unevenly', 'very unevenly');
    expect(project(live, range)).toMatchObject({ status: 'CHANGED', text: 'Norms are implemented very unevenly across regions' });
  });

  it('is ORPHANED when the passage was deleted', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'Civil society is rarely consulted.');
    editLive(live, 'Civil society is rarely consulted.', '');
    expect(project(live, range)).toEqual({ status: 'ORPHANED', basis: 'orphaned' });
  });

  it('finds a passage that was cut and pasted elsewhere (new Yjs items) by its quote', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'rarely consulted');
    editLive(live, 'Civil society is rarely consulted.', 'Civil society is often ignored.');
    editLive(live, 'Norms are implemented', 'Civil society is rarely consulted. Norms are implemented');
    expect(project(live, range)).toMatchObject({ status: 'MOVED', text: 'rarely consulted', startParagraph: 1 });
  });

  it('anchors ranges across paragraphs and list items, and replaces them in one transaction', () => {
    const { live, version } = versionAndLive();
    const range = anchor(version, 'each norm.\nDonors should');
    expect(range).toMatchObject({ startParagraph: 3, endParagraph: 4 });
    const projection = project(live, range);
    expect(projection.status).toBe('EXACT');
    let transactions = 0;
    live.on('afterTransaction', () => (transactions += 1));
    replaceBetween(live, textBlocks(live), projection.from!, projection.to!, 'every norm, and donors should');
    expect(transactions).toBe(1);
    expect(yDocToMarkdown(live)).toContain('- Governments should publish how they implement every norm, and donors should fund capacity building for three years.');
    expect(yDocToMarkdown(live)).not.toMatch(/^- $/m);
  });

  it('keeps formatting around a replacement inside one paragraph', () => {
    const live = new Y.Doc();
    importMarkdown(live, 'Some **bold words here** and more.');
    const blocks = textBlocks(live);
    const at = flatText(blocks).indexOf('words');
    replaceBetween(live, blocks, pointAt(blocks, at)!, pointAt(blocks, at + 5)!, 'terms');
    expect(yDocToMarkdown(live).trim()).toBe('Some **bold terms here** and more.');
  });

  it('quote search prefers the occurrence whose context matches, and finds nothing for an absent quote', () => {
    const text = 'the norm applies here. Later on, the norm applies there.';
    const quote = { exact: 'the norm applies', prefix: 'Later on, ', suffix: ' there.' };
    expect(findExact(text, quote, 0)).toEqual({ start: text.lastIndexOf('the norm applies'), end: text.length - ' there.'.length });
    expect(findExact(text, { exact: 'something else entirely', prefix: '', suffix: '' }, 0)).toBeNull();
    expect(flatOffsetOf(textBlocks(versionAndLive().live), { block: 1, offset: 0 })).toBe('Findings\n'.length);
  });
});
