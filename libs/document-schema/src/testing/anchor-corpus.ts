import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as Y from 'yjs';
import { type AnchorStatus, type Projection, type StoredRange, projectRange } from '../anchor-projection';
import { type BlockPoint, encodeRelativePosition, quoteOf, relativePosition, textBlocks } from '../anchors';
import { ensureBlockIds } from '../block-ids';
import { DraftIndex } from '../draft-index';
import { importMarkdown } from '../index';
import { NODE } from '../schema';
import { replaceWithJson, yDocToJson } from '../ydoc-json';
import { type EditorBlock, EditorSession } from './editor-session';

/**
 * A labelled corpus of edits over real prose (UN General Assembly resolutions, see prose/README.md):
 * each case anchors a passage in a frozen version, edits the live draft through the editor's own Yjs
 * binding, and says what a facilitator should then see: the status, and the passage's text and
 * paragraph in today's draft. Used by the accuracy spec and the anchors benchmark.
 */

/** Read from the repository root, where tests and benchmarks run (this file is loaded as CommonJS and as ESM). */
export const PROSE = readFileSync(resolve(process.cwd(), 'libs/document-schema/src/testing/prose/un-ict-resolutions.md'), 'utf8');

export interface Expected {
  status: AnchorStatus;
  text?: string;
  startParagraph?: number;
}

export interface CaseResult {
  kind: string;
  quote: string;
  expected: Expected;
  actual: { status: AnchorStatus; text?: string; startParagraph?: number };
  right: boolean;
  /** A deleted passage was shown at a place, or at another occurrence of its quote: the worst error. */
  placedElsewhere: boolean;
}

/** The first `blocks` top-level Markdown blocks of the prose (a draft of a realistic length). */
export function proseMarkdown(maxBlocks: number): string {
  return PROSE.split(/\n{2,}/).slice(0, maxBlocks).join('\n\n');
}

/** A deterministic random source (mulberry32), so every run labels the same cases. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (text: string) => [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/** The live draft the server keeps and a version frozen from it: they share every Yjs item. */
export function draftAndVersion(base: Uint8Array): { live: Y.Doc; version: Y.Doc } {
  const live = new Y.Doc();
  Y.applyUpdate(live, base);
  const version = new Y.Doc();
  Y.applyUpdate(version, base);
  return { live, version };
}

export function baseDraft(markdown: string): Uint8Array {
  const doc = new Y.Doc();
  importMarkdown(doc, markdown);
  let n = 0;
  ensureBlockIds(doc, null, () => `block-${(n += 1)}`);
  return Y.encodeStateAsUpdate(doc);
}

/** Stores a passage of the version as a comment does (see Anchoring.build in libs/consultation). */
export function anchorPassage(version: Y.Doc, from: BlockPoint, to: BlockPoint): StoredRange {
  const index = DraftIndex.of(version);
  const start = index.flatOffset(from);
  const end = index.flatOffset(to);
  return {
    quote: quoteOf(index.flat, start, end),
    start: encodeRelativePosition(relativePosition(index.blocks, from, 0)),
    end: encodeRelativePosition(relativePosition(index.blocks, to, -1)),
    startParagraph: index.paragraphNumber(from.block),
    endParagraph: index.paragraphNumber(to.block),
    startOffset: from.offset,
    endOffset: to.offset,
    flatStart: start,
    versionState: Y.decodeStateVector(Y.encodeStateVector(version)),
  };
}

interface Setup {
  live: Y.Doc;
  version: Y.Doc;
  editor: EditorSession;
  rng: () => number;
}

/** A case: picks its passage, anchors it, edits, and says what should be seen; null when it cannot apply here. */
type CaseBuilder = (s: Setup) => { range: StoredRange; expected: Expected } | null;

const ADDED = ['substantially', 'in all regions', 'including small island developing States', 'as a matter of priority'];

function pick<T>(rng: () => number, items: T[]): T | undefined {
  return items.length ? items[Math.floor(rng() * items.length)] : undefined;
}

/** Paragraph blocks with enough words to hold a passage away from their edges. */
function wordyBlocks(editor: EditorSession, topLevel = false): { block: EditorBlock; index: number }[] {
  return editor
    .blocks()
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => block.node.type.name === NODE.paragraph && words(block.node.textContent).length >= 24 && (!topLevel || block.top === block.node));
}

/** A passage of `min`–`max` words, at least two words from either edge of its paragraph. */
function passageIn(rng: () => number, text: string, min = 6, max = 14) {
  const w = words(text);
  const length = min + Math.floor(rng() * (max - min + 1));
  const first = 2 + Math.floor(rng() * Math.max(1, w.length - length - 4));
  const last = Math.min(first + length - 1, w.length - 3);
  return { w, first, last, start: w[first].start, end: w[last].end };
}

/** The number the paragraph now holding `text` has in the live draft. */
function numberOfBlockWith(live: Y.Doc, text: string): number | undefined {
  const index = DraftIndex.of(live);
  const block = index.blocks.findIndex((b) => b.text.includes(text));
  return block < 0 ? undefined : index.paragraphNumber(block);
}

function inPassage(s: Setup, topLevel = false) {
  const chosen = pick(s.rng, wordyBlocks(s.editor, topLevel));
  if (!chosen) return null;
  const text = chosen.block.node.textContent;
  const p = passageIn(s.rng, text);
  const range = anchorPassage(s.version, { block: chosen.index, offset: p.start }, { block: chosen.index, offset: p.end });
  return { ...chosen, text, p, range, quote: text.slice(p.start, p.end) };
}

const TWICE = 'quote that occurs twice';

const CASES: Record<string, CaseBuilder> = {
  untouched(s) {
    const a = inPassage(s);
    if (!a) return null;
    // an edit in a paragraph before it, and one after it
    const blocks = s.editor.blocks();
    const other = blocks.filter((_, i) => i !== a.index && blocks[i].node.textContent.length > 20);
    for (const b of [pick(s.rng, other), pick(s.rng, other)]) if (b) s.editor.replaceText(b, 5, 5, ' (as revised) ');
    return { range: a.range, expected: { status: 'EXACT', text: a.quote, startParagraph: a.range.startParagraph } };
  },
  'shifted by earlier edits'(s) {
    const a = inPassage(s, true);
    if (!a) return null;
    s.editor.replaceText(a.block, 0, 0, 'As agreed at the last meeting, ');
    const before = s.editor.blocks()[Math.max(0, a.index - 3)];
    s.editor.insertParagraphBefore(before, 'A new paragraph written by the drafting team during the week.');
    return { range: a.range, expected: { status: 'MOVED', text: a.quote, startParagraph: a.range.startParagraph + 1 } };
  },
  'words replaced inside'(s) {
    const a = inPassage(s);
    if (!a) return null;
    const middle = a.p.w[a.p.first + 1 + Math.floor(s.rng() * (a.p.last - a.p.first - 1))];
    const by = pick(s.rng, ['substantially', 'effectively', 'regional', 'meaningful'])!;
    s.editor.replaceText(a.block, middle.start, middle.end, by);
    const text = a.text.slice(a.p.start, middle.start) + by + a.text.slice(middle.end, a.p.end);
    return { range: a.range, expected: { status: 'CHANGED', text, startParagraph: a.range.startParagraph } };
  },
  'words replaced at an edge'(s) {
    const a = inPassage(s);
    if (!a) return null;
    const atStart = s.rng() < 0.5;
    const word = a.p.w[atStart ? a.p.first : a.p.last];
    const by = atStart ? 'Moreover' : 'everywhere';
    s.editor.replaceText(a.block, word.start, word.end, by);
    const text = a.text.slice(a.p.start, word.start) + by + a.text.slice(word.end, a.p.end);
    return { range: a.range, expected: { status: 'CHANGED', text, startParagraph: a.range.startParagraph } };
  },
  'words inserted inside'(s) {
    const a = inPassage(s);
    if (!a) return null;
    const after = a.p.w[a.p.first + Math.floor(s.rng() * (a.p.last - a.p.first))];
    const added = ` ${pick(s.rng, ADDED)}`;
    s.editor.replaceText(a.block, after.end, after.end, added);
    const text = a.text.slice(a.p.start, after.end) + added + a.text.slice(after.end, a.p.end);
    return { range: a.range, expected: { status: 'CHANGED', text, startParagraph: a.range.startParagraph } };
  },
  'partly deleted'(s) {
    const a = inPassage(s);
    if (!a) return null;
    const cut = a.p.w[a.p.first + Math.max(1, Math.floor((a.p.last - a.p.first + 1) / 3))];
    const keepStart = s.rng() < 0.5;
    let text: string;
    if (keepStart) {
      s.editor.replaceText(a.block, cut.start - 1, a.p.end, '');
      text = a.text.slice(a.p.start, cut.start - 1);
    } else {
      s.editor.replaceText(a.block, a.p.start, cut.start, '');
      text = a.text.slice(cut.start, a.p.end);
    }
    return { range: a.range, expected: { status: 'CHANGED', text, startParagraph: a.range.startParagraph } };
  },
  'wholly deleted'(s) {
    const a = inPassage(s);
    if (!a) return null;
    s.editor.replaceText(a.block, a.p.start, a.p.end + 1, '');
    return { range: a.range, expected: { status: 'ORPHANED' } };
  },
  'paragraph deleted'(s) {
    const a = inPassage(s, true);
    if (!a) return null;
    const whole = s.rng() < 0.5;
    const range = whole ? anchorPassage(s.version, { block: a.index, offset: 0 }, { block: a.index, offset: a.text.length }) : a.range;
    s.editor.deleteTop(a.block);
    return { range, expected: { status: 'ORPHANED' } };
  },
  'paragraph moved'(s) {
    const a = inPassage(s, true);
    if (!a) return null;
    const blocks = s.editor.blocks();
    const tops = blocks.filter((b) => b.top === b.node && b.topPos !== a.block.topPos);
    const target = pick(s.rng, tops.filter((b) => Math.abs(b.topPos - a.block.topPos) > 2000)) ?? pick(s.rng, tops);
    if (!target) return null;
    const whole = s.rng() < 0.3;
    const range = whole ? anchorPassage(s.version, { block: a.index, offset: 0 }, { block: a.index, offset: a.text.length }) : a.range;
    s.editor.moveTop(a.block, target);
    return { range, expected: { status: 'MOVED', text: range.quote.exact, startParagraph: numberOfBlockWith(s.live, a.text) } };
  },
  'paragraph split before the passage'(s) {
    const a = inPassage(s, true);
    if (!a) return null;
    s.editor.split(a.block, a.p.w[a.p.first - 1].start);
    return { range: a.range, expected: { status: 'MOVED', text: a.quote, startParagraph: a.range.startParagraph + 1 } };
  },
  'paragraph split inside the passage'(s) {
    const a = inPassage(s, true);
    if (!a) return null;
    const at = a.p.w[a.p.first + 2 + Math.floor(s.rng() * (a.p.last - a.p.first - 3))].start;
    s.editor.split(a.block, at);
    const text = `${a.text.slice(a.p.start, at)}\n${a.text.slice(at, a.p.end)}`;
    return { range: a.range, expected: { status: 'CHANGED', text, startParagraph: a.range.startParagraph } };
  },
  'paragraphs merged'(s) {
    const blocks = s.editor.blocks();
    const candidates = wordyBlocks(s.editor, true).filter(({ index }) => index > 0 && blocks[index - 1].top === blocks[index - 1].node && blocks[index - 1].node.type.name === NODE.paragraph);
    const chosen = pick(s.rng, candidates);
    if (!chosen) return null;
    const text = chosen.block.node.textContent;
    const p = passageIn(s.rng, text);
    const range = anchorPassage(s.version, { block: chosen.index, offset: p.start }, { block: chosen.index, offset: p.end });
    s.editor.joinBackward(chosen.block);
    return { range, expected: { status: 'MOVED', text: text.slice(p.start, p.end), startParagraph: range.startParagraph - 1 } };
  },
  'passage over two paragraphs, one deleted'(s) {
    const blocks = s.editor.blocks();
    const pairs = wordyBlocks(s.editor, true).filter(({ index }) => {
      const next = blocks[index + 1];
      return next && next.top === next.node && next.node.type.name === NODE.paragraph && words(next.node.textContent).length >= 8;
    });
    const chosen = pick(s.rng, pairs);
    if (!chosen) return null;
    const first = chosen.block.node.textContent;
    const second = blocks[chosen.index + 1].node.textContent;
    const fw = words(first);
    const sw = words(second);
    const start = fw[fw.length - 4].start;
    const end = sw[3].end;
    const range = anchorPassage(s.version, { block: chosen.index, offset: start }, { block: chosen.index + 1, offset: end });
    const deleteFirst = s.rng() < 0.5;
    s.editor.deleteTop(deleteFirst ? chosen.block : blocks[chosen.index + 1]);
    const text = deleteFirst ? second.slice(0, end) : first.slice(start);
    return { range, expected: { status: 'CHANGED', text, startParagraph: range.startParagraph } };
  },
  [TWICE](s) {
    const twice = repeatedPhrase(s);
    if (!twice) return null;
    const { second, phrase, at } = twice;
    const range = anchorPassage(s.version, { block: second.index, offset: at }, { block: second.index, offset: at + phrase.length });
    const variant = s.rng();
    if (variant < 0.34) {
      s.editor.replaceText(second.block, 0, 0, 'Furthermore, ');
      return { range, expected: { status: 'MOVED', text: phrase, startParagraph: range.startParagraph } };
    }
    if (variant < 0.67) {
      s.editor.replaceText(second.block, at, at + phrase.length + 1, '');
      return { range, expected: { status: 'ORPHANED' } };
    }
    if (second.block.top !== second.block.node) return null;
    const tops = s.editor.blocks().filter((b) => b.top === b.node && b.topPos !== second.block.topPos);
    const target = pick(s.rng, tops);
    if (!target) return null;
    const paragraphText = second.block.node.textContent;
    s.editor.moveTop(second.block, target);
    return { range, expected: { status: 'MOVED', text: phrase, startParagraph: numberOfBlockWith(s.live, paragraphText) } };
  },
  'version restored'(s) {
    const a = inPassage(s);
    if (!a) return null;
    const other = pick(s.rng, s.editor.blocks().filter((_, i) => i !== a.index));
    if (other) s.editor.replaceText(other, 0, 0, 'Edited later: ');
    // restoring writes the version's content as new Yjs items (VersionService.restore)
    replaceWithJson(s.live, yDocToJson(s.version), 'restore');
    return { range: a.range, expected: { status: 'EXACT', text: a.quote, startParagraph: a.range.startParagraph } };
  },
};

/** A phrase of five or more words found in two paragraphs: the later occurrence, for anchoring. */
function repeatedPhrase(s: Setup): { second: { block: EditorBlock; index: number }; phrase: string; at: number } | null {
  const blocks = s.editor.blocks();
  const seen = new Map<string, number>();
  const found: { index: number; phrase: string; at: number }[] = [];
  blocks.forEach((block, index) => {
    if (block.node.type.name !== NODE.paragraph) return;
    const text = block.node.textContent;
    const w = words(text);
    for (let i = 1; i + 5 < w.length; i += 1) {
      const phrase = text.slice(w[i].start, w[i + 5].end);
      const earlier = seen.get(phrase);
      if (earlier === undefined) seen.set(phrase, index);
      else if (earlier !== index) found.push({ index, phrase, at: w[i].start });
    }
  });
  const chosen = pick(s.rng, found);
  return chosen ? { second: { block: blocks[chosen.index], index: chosen.index }, phrase: chosen.phrase, at: chosen.at } : null;
}

export const EDIT_KINDS = Object.keys(CASES);

type Projector = (live: Y.Doc, range: StoredRange) => Pick<Projection, 'status' | 'text' | 'startParagraph'>;

/** Runs `perKind` cases of every edit kind over the draft, projecting each with `project`. */
export function runCorpus(markdown: string, perKind: number, project: Projector = (live, range) => projectRange(DraftIndex.of(live), range), seed = 2026): CaseResult[] {
  const base = baseDraft(markdown);
  const results: CaseResult[] = [];
  for (const kind of EDIT_KINDS) {
    const rng = random(seed + kind.length * 7919);
    for (let made = 0, tries = 0; made < perKind && tries < perKind * 5; tries += 1) {
      const { live, version } = draftAndVersion(base);
      const setup: Setup = { live, version, editor: new EditorSession(live), rng };
      const built = CASES[kind](setup);
      if (!built) continue;
      made += 1;
      const projection = project(live, built.range);
      const actual = { status: projection.status, text: projection.text, startParagraph: projection.startParagraph };
      const { expected } = built;
      // whitespace at a passage's edges is not told apart: deleting "a b " or " a b" leaves the same text
      const sameText = (a?: string, b?: string) => a?.trim() === b?.trim();
      const right =
        actual.status === expected.status &&
        (expected.status === 'ORPHANED' || (sameText(actual.text, expected.text) && (expected.startParagraph === undefined || actual.startParagraph === expected.startParagraph)));
      // the error the issue forbids: a deleted passage shown at a place, or at another occurrence of its quote
      const placedElsewhere =
        actual.status !== 'ORPHANED' &&
        (expected.status === 'ORPHANED' || (kind === TWICE && (actual.startParagraph !== expected.startParagraph || !sameText(actual.text, expected.text))));
      results.push({ kind, quote: built.range.quote.exact, expected, actual, right, placedElsewhere });
    }
  }
  return results;
}

/** Accuracy per edit kind, as a Markdown table. */
export function accuracyTable(results: CaseResult[]): string {
  const rows = EDIT_KINDS.map((kind) => {
    const of = results.filter((r) => r.kind === kind);
    const right = of.filter((r) => r.right).length;
    return `| ${kind} | ${right} of ${of.length} | ${of.filter((r) => r.placedElsewhere).length} |`;
  });
  const right = results.filter((r) => r.right).length;
  const total = `| **all** | **${right} of ${results.length} (${((100 * right) / Math.max(1, results.length)).toFixed(1)} %)** | **${results.filter((r) => r.placedElsewhere).length}** |`;
  return ['| edit kind | right | placed elsewhere |', '|---|---|---|', ...rows, total].join('\n');
}

export { textBlocks };
