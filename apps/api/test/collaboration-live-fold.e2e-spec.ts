import { CollabServer } from '@intersessional/collaboration';
import { Given, type TestUser } from './support/given';
import { type Editor, openEditor, paragraph } from './support/editors';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';
import { describeWithRedis } from './support/backends';

/** Above the 2,000 stored rows after which an open document folds its log live. */
const TYPED = 2300;
/** The default limit (300 updates a second per socket) would refuse a typist this fast. */
const FAST_TYPIST = { COLLAB_MAX_UPDATES_PER_SECOND: '20000' };

/** Types `count` characters into the editor's first paragraph, one update (one Yjs transaction) each. */
function type(editor: Editor, count: number, letter: string): void {
  const fragment = editor.doc.getXmlFragment('default');
  if (!fragment.length) fragment.push([paragraph('')]);
  const text = (fragment.get(0) as unknown as { get(i: number): { insert(at: number, s: string): void; length: number } }).get(0);
  for (let i = 0; i < count; i += 1) text.insert(text.length, letter);
}

const logRows = async (t: TestApp, id: string): Promise<number> =>
  Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id]))[0].n);
const hasSnapshot = async (t: TestApp, id: string): Promise<boolean> =>
  (await t.dataSource.query(`SELECT 1 FROM document_snapshots WHERE document_id = $1`, [id])).length === 1;

describe('an open document keeps its update log short (live folding)', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  const editors: Editor[] = [];
  const connect = async (app: TestApp, user: TestUser, id: string) => {
    const editor = await openEditor(app.url, user, id);
    editors.push(editor);
    return editor;
  };

  beforeAll(async () => {
    t = await startTestApp(FAST_TYPIST);
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
  });
  afterEach(() => editors.splice(0).forEach((e) => e.close()));
  afterAll(() => t.close());

  it('folds the log while a co-author types thousands of keystrokes, then the rest when the last editor leaves; a reopen gives the same text', async () => {
    const id = await given.document(ws, { markdown: 'Draft' });
    const typist = await connect(t, ws.facilitator, id);
    const reader = await connect(t, ws.facilitator, id);
    type(typist, TYPED, 'a');
    await waitFor(() => reader.text() === typist.text(), 'the reader to receive every keystroke', 30_000);
    // while both are still connected, the room has folded at least once: fewer rows than keystrokes
    await waitForAsync(async () => (await hasSnapshot(t, id)) && (await logRows(t, id)) < TYPED - 1000, 'a live fold while the document is open');
    const text = typist.text();
    expect(text).toContain('a'.repeat(TYPED));

    editors.splice(0).forEach((e) => e.close());
    await waitFor(() => t.app.get(CollabServer).openDocuments === 0, 'the room to unload');
    expect(await logRows(t, id)).toBe(0); // the rest folded on the way out

    const reopened = await connect(t, ws.facilitator, id);
    expect(reopened.text()).toBe(text);
  });

  it('leaves a short log alone when the last editor leaves (the background compactor takes it later)', async () => {
    const id = await given.document(ws, { markdown: 'Draft' });
    const typist = await connect(t, ws.facilitator, id);
    type(typist, 20, 'b');
    await waitForAsync(async () => (await logRows(t, id)) >= 21, 'every keystroke stored');
    editors.splice(0).forEach((e) => e.close());
    await waitFor(() => t.app.get(CollabServer).openDocuments === 0, 'the room to unload');
    expect(await logRows(t, id)).toBeGreaterThanOrEqual(21);
  });
});


describeWithRedis('live folding on two instances editing one document', () => {
  let one: TestApp;
  let two: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  const editors: Editor[] = [];

  beforeAll(async () => {
    one = await startTestApp(FAST_TYPIST);
    two = await startTestApp(FAST_TYPIST, { peerOf: one });
    given = new Given(one);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
  });
  afterEach(() => editors.splice(0).forEach((e) => e.close()));
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('both fold while co-authors on each type at once; nothing is lost and a reopen on either gives the same text', async () => {
    const id = await given.document(ws, { markdown: 'Draft' });
    const onOne = await openEditor(one.url, ws.facilitator, id);
    const onTwo = await openEditor(two.url, member, id);
    editors.push(onOne, onTwo);
    await waitFor(() => onOne.text() === onTwo.text(), 'both hold the draft');
    type(onOne, TYPED, 'x');
    type(onTwo, TYPED, 'y');
    await waitFor(() => onOne.text() === onTwo.text() && (onOne.text().match(/[xy]/g) ?? []).length === 2 * TYPED, 'convergence', 60_000);
    await waitForAsync(async () => (await logRows(one, id)) < 2 * TYPED - 2000, 'live folds on the instances');
    const text = onOne.text();

    editors.splice(0).forEach((e) => e.close());
    await waitFor(() => one.app.get(CollabServer).openDocuments === 0 && two.app.get(CollabServer).openDocuments === 0, 'both rooms to unload');
    const again = [await openEditor(one.url, member, id), await openEditor(two.url, ws.facilitator, id)];
    editors.push(...again);
    expect(again.map((e) => e.text())).toEqual([text, text]);
  });
});
