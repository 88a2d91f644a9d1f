import { EDIT_KINDS, accuracyTable, proseMarkdown, runCorpus } from './testing/anchor-corpus';

/**
 * The labelled corpus (testing/anchor-corpus.ts): every edit kind a drafting week makes, applied to
 * passages of real prose through the editor's own Yjs binding, each with the status and text a
 * facilitator should see. Set ANCHOR_CORPUS_REPORT=1 to print the accuracy per edit kind.
 */
describe('live anchors over a labelled corpus of edits to real prose', () => {
  const results = runCorpus(proseMarkdown(200), 20);
  if (process.env.ANCHOR_CORPUS_REPORT === '1') console.log(accuracyTable(results));

  it('labels at least 20 cases of every edit kind', () => {
    for (const kind of EDIT_KINDS) expect({ kind, cases: results.filter((r) => r.kind === kind).length }).toEqual({ kind, cases: 20 });
  });

  it('is right (status, text and paragraph) for at least 95 % of the cases', () => {
    const right = results.filter((r) => r.right).length / results.length;
    if (right < 0.95) throw new Error(`${(right * 100).toFixed(1)} % right:\n${accuracyTable(results)}`);
  });

  it('never places a deleted passage, or another occurrence of its quote, somewhere else', () => {
    const elsewhere = results.filter((r) => r.placedElsewhere);
    expect(elsewhere.map((r) => ({ kind: r.kind, expected: r.expected, actual: r.actual }))).toEqual([]);
  });
});
