import * as Y from 'yjs';
import { LiveAnchors } from '@intersessional/consultation';
import { Compactor } from '@intersessional/documents';
import { freshIp, Given, type TestUser } from './support/given';
import { openEditor, paragraph } from './support/editors';
import { type TestApp, startTestApp } from './support/test-app';
import { waitForAsync } from './support/wait';

// The answer board's view of comments on today's draft, through the cache that keeps the draft and the
// projections between requests: each read must still see every stored edit, whoever made it.

const P1 = 'Norms are implemented unevenly across regions.';
const P2 = 'Capacity building works best when it is demand-driven.';
const P3 = 'Civil society is rarely consulted.';
const DRAFT = `# Findings\n\n${P1}\n\n${P2}\n\n${P3}\n`;

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`;
const LIVE = `query($id: ID!) { comment(id: $id) { liveAnchor { status startParagraph endParagraph text } } }`;
const BOARD = `query($id: ID!, $p: Int!) { commentPeriod(id: $id) { paragraphComments(paragraph: $p, first: 50) { edges { node { id liveAnchor { status text } } } } } }`;
const APPLY = `mutation($id: ID!) { applySuggestion(id: $id) { suggestionAppliedAt } }`;
const RESTORE = `mutation($v: ID!) { restoreVersion(versionId: $v) { id } }`;

describe('live anchors follow the draft between reads of the answer board', () => {
  let t: TestApp;
  let given: Given;
  let bpf: { id: string; facilitator: TestUser };
  let editor: TestUser;
  let commenter: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    bpf = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    editor = await given.user();
    await given.member(bpf.id, editor);
    commenter = await given.user();
  });
  afterAll(() => t.close());

  const setUp = async () => {
    const documentId = await given.document(bpf, { markdown: DRAFT, by: editor });
    const period = await given.commentPeriod(bpf, { documentId });
    return { documentId, period };
  };

  /** A range comment on `exact` in paragraph `paragraph` (whose text is `text`) of the frozen version. */
  const onText = async (periodId: string, paragraph: number, text: string, exact: string, extra: Record<string, unknown> = {}) => {
    const offset = text.indexOf(exact);
    const input = { periodId, language: 'en', speakingFor: 'ORGANISATION', consentToPublish: true, body: 'Comment.', ...extra };
    const anchor = { kind: 'RANGE', start: { paragraph, offset }, end: { paragraph, offset: offset + exact.length } };
    const result = await commenter.client.request<{ submitComment: { id: string } }>(SUBMIT, { input: { ...input, anchor } }, { 'x-forwarded-for': freshIp() });
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitComment.id;
  };

  const live = async (id: string) => (await bpf.facilitator.client.ok<{ comment: { liveAnchor: Record<string, unknown> | null } }>(LIVE, { id })).comment.liveAnchor;
  const stored = (documentId: string) => fetch(`${t.url}/documents/${documentId}/export?format=text`).then((r) => r.text());
  const storedIncludes = (documentId: string, text: string) => waitForAsync(async () => (await stored(documentId)).includes(text), `"${text}" to be stored`);

  it('sees edits stored after a first read: the edited passage CHANGED, the others moved by a new paragraph, a deleted one ORPHANED', async () => {
    const { documentId, period } = await setUp();
    const edited = await onText(period.id, 1, P1, 'implemented unevenly');
    const shifted = await onText(period.id, 2, P2, 'demand-driven');
    const deleted = await onText(period.id, 3, P3, 'rarely consulted');
    // the board is read once: the draft and the projections are now cached
    const board = await bpf.facilitator.client.ok<{ commentPeriod: { paragraphComments: { edges: { node: { liveAnchor: { status: string } } }[] } } }>(BOARD, { id: period.id, p: 2 });
    expect(board.commentPeriod.paragraphComments.edges.map((e) => e.node.liveAnchor.status)).toEqual(['EXACT']);
    expect(await live(edited)).toMatchObject({ status: 'EXACT', text: 'implemented unevenly' });

    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      const fragment = doc.getXmlFragment('default');
      doc.transact(() => {
        ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert('Norms are implemented'.length, ' very');
        fragment.insert(1, [paragraph('A new opening paragraph.')]);
      });
      await storedIncludes(documentId, 'implemented very unevenly');
      expect(await live(edited)).toEqual({ status: 'CHANGED', startParagraph: 2, endParagraph: 2, text: 'implemented very unevenly' });
      expect(await live(shifted)).toEqual({ status: 'MOVED', startParagraph: 3, endParagraph: 3, text: 'demand-driven' });
      expect(await live(deleted)).toEqual({ status: 'MOVED', startParagraph: 4, endParagraph: 4, text: 'rarely consulted' });

      fragment.delete(4, 1); // the paragraph "Civil society is rarely consulted."
      await waitForAsync(async () => !(await stored(documentId)).includes('rarely consulted'), 'the deletion to be stored');
      expect(await live(deleted)).toEqual({ status: 'ORPHANED', startParagraph: null, endParagraph: null, text: null });
      expect(await live(shifted)).toMatchObject({ status: 'MOVED', startParagraph: 3 });
    } finally {
      close();
    }
  });

  /** Waits until the background refresh that the edits scheduled has projected something and is done. */
  const refreshed = async (documentId: string, projectedBefore: number) => {
    const anchors = t.app.get(LiveAnchors);
    await waitForAsync(async () => {
      await anchors.settled(documentId);
      return anchors.projected > projectedBefore;
    }, 'the background refresh of the board');
    return anchors.projected;
  };

  it('keeps a board that was read up to date in the background once editing pauses: the next read finds the work done', async () => {
    const { documentId, period } = await setUp();
    const edited = await onText(period.id, 1, P1, 'implemented unevenly');
    const shifted = await onText(period.id, 2, P2, 'demand-driven');
    const deleted = await onText(period.id, 3, P3, 'rarely consulted');
    for (const id of [edited, shifted, deleted]) expect(await live(id)).toMatchObject({ status: 'EXACT' });
    const before = t.app.get(LiveAnchors).projected;

    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      const fragment = doc.getXmlFragment('default');
      doc.transact(() => {
        ((fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert('Norms are implemented'.length, ' very');
        fragment.delete(3, 1); // "Civil society is rarely consulted."
      });
      await storedIncludes(documentId, 'implemented very unevenly');
      const after = await refreshed(documentId, before);
      expect(await live(edited)).toEqual({ status: 'CHANGED', startParagraph: 1, endParagraph: 1, text: 'implemented very unevenly' });
      expect(await live(shifted)).toEqual({ status: 'EXACT', startParagraph: 2, endParagraph: 2, text: 'demand-driven' });
      expect(await live(deleted)).toEqual({ status: 'ORPHANED', startParagraph: null, endParagraph: null, text: null });
      // the reads found every projection computed already
      expect(t.app.get(LiveAnchors).projected).toBe(after);
    } finally {
      close();
    }
  });

  it('points an applied suggestion’s own comment at the new wording, and keeps following it', async () => {
    const { documentId, period } = await setUp();
    const id = await onText(period.id, 2, P2, 'demand-driven', { suggestion: 'demand-driven and locally owned' });
    expect(await live(id)).toMatchObject({ status: 'EXACT' });
    const before = t.app.get(LiveAnchors).projected;
    await bpf.facilitator.client.ok(APPLY, { id });
    // the background refresh projects the comment's passage as it was last asked for; the comment now
    // has a new one, which the next read must use
    await refreshed(documentId, before);
    expect(await live(id)).toEqual({ status: 'CHANGED', startParagraph: 2, endParagraph: 2, text: 'demand-driven and locally owned' });

    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      ((doc.getXmlFragment('default').get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Indeed, ');
      await storedIncludes(documentId, 'Indeed, Capacity');
      expect(await live(id)).toEqual({ status: 'CHANGED', startParagraph: 2, endParagraph: 2, text: 'demand-driven and locally owned' });
    } finally {
      close();
    }
  });

  it('finds every passage again after a version is restored (the restore writes new Yjs items)', async () => {
    const { documentId, period } = await setUp();
    const ids = [await onText(period.id, 1, P1, 'unevenly across regions'), await onText(period.id, 3, P3, 'Civil society')];
    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      const fragment = doc.getXmlFragment('default');
      fragment.delete(1, 3);
      fragment.insert(1, [paragraph('Everything was rewritten.')]);
      await storedIncludes(documentId, 'Everything was rewritten.');
    } finally {
      close();
    }
    expect(await live(ids[0])).toMatchObject({ status: 'ORPHANED' });
    await bpf.facilitator.client.ok(RESTORE, { v: period.versionId });
    await storedIncludes(documentId, P3);
    expect(await live(ids[0])).toEqual({ status: 'EXACT', startParagraph: 1, endParagraph: 1, text: 'unevenly across regions' });
    expect(await live(ids[1])).toEqual({ status: 'EXACT', startParagraph: 3, endParagraph: 3, text: 'Civil society' });
  });

  it('catches up across a compaction that folded log rows it had not read into the snapshot', async () => {
    const { documentId, period } = await setUp();
    const id = await onText(period.id, 2, P2, 'works best');
    expect(await live(id)).toMatchObject({ status: 'EXACT' });
    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      const text = (doc.getXmlFragment('default').get(2) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert('Capacity building works'.length, ' truly');
      await storedIncludes(documentId, 'works truly best');
      await t.app.get(Compactor).compact(documentId);
      text.insert(0, 'All agree: ');
      await storedIncludes(documentId, 'All agree: Capacity');
    } finally {
      close();
    }
    expect(await live(id)).toEqual({ status: 'CHANGED', startParagraph: 2, endParagraph: 2, text: 'works truly best' });
  });

  it('keeps what it computed across a compaction of rows it had already read (the content did not change)', async () => {
    const { documentId, period } = await setUp();
    const kept = await onText(period.id, 1, P1, 'implemented unevenly');
    const gone = await onText(period.id, 3, P3, 'rarely consulted');
    const { doc, close } = await openEditor(t.url, editor, documentId);
    try {
      doc.getXmlFragment('default').delete(3, 1); // "Civil society is rarely consulted."
      await waitForAsync(async () => !(await stored(documentId)).includes('rarely consulted'), 'the deletion to be stored');
    } finally {
      close();
    }
    const anchors = t.app.get(LiveAnchors);
    await anchors.settled(documentId);
    expect(await live(gone)).toMatchObject({ status: 'ORPHANED' });
    expect(await live(kept)).toMatchObject({ status: 'EXACT' });
    const before = anchors.projected;
    await t.app.get(Compactor).compact(documentId);
    expect(await live(gone)).toMatchObject({ status: 'ORPHANED' });
    expect(await live(kept)).toMatchObject({ status: 'EXACT' });
    // the orphaned passage was not searched for again: nothing changed in the draft
    expect(anchors.projected).toBe(before);
  });
});
