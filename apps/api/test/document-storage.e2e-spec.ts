import { Client } from 'pg';
import * as Y from 'yjs';
import { COMPACT_THRESHOLD, Compactor, DocumentStore, UpdateLogRepository } from '@intersessional/documents';
import { yDocToMarkdown } from '@intersessional/document-schema';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';
import { waitForAsync } from './support/wait';
import { itOnPostgres } from './support/backends';

const CONTRIBUTORS = `query($id: ID!) { document(id: $id) { contributors { user { id displayName } edits bytes } } }`;
type Contributors = { document: { contributors: { user: { id: string }; edits: number; bytes: number }[] } };

describe('document storage: update log, compaction, contributors', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
  });
  afterAll(() => t.close());

  /** Writes `n` small server-side edits by `author` through the store (the same log the sync server writes). */
  const edit = async (id: string, author: TestUser, n: number, label: string) => {
    const store = t.app.get(DocumentStore);
    for (let i = 0; i < n; i += 1) {
      await store.edit(id, author.id, (doc) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(`${label} ${i}`)]);
        doc.getXmlFragment('default').push([p]);
      });
    }
  };

  it('compacts the log into a snapshot without changing the document or its contributors', async () => {
    const { createDocument } = await member.client.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Compaction", kind: OTHER, markdown: "Start" }) { id } }`,
      { ws: ws.id },
    );
    const id = createDocument.id;
    await edit(id, member, 30, 'member');
    await edit(id, ws.facilitator, 20, 'facilitator');
    const store = t.app.get(DocumentStore);
    const before = yDocToMarkdown(await store.load(id));
    const contributorsBefore = await member.client.ok<Contributors>(CONTRIBUTORS, { id });
    expect(contributorsBefore.document.contributors.map((c) => [c.user.id, c.edits])).toEqual([
      [member.id, 31],
      [ws.facilitator.id, 20],
    ]);

    const folded = await t.app.get(Compactor).compact(id);
    expect(folded).toBe(51);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id]);
    expect(n).toBe(0);
    expect(yDocToMarkdown(await store.load(id))).toBe(before);
    expect(await member.client.ok<Contributors>(CONTRIBUTORS, { id })).toEqual(contributorsBefore);

    // editing continues on top of the snapshot, and a second compaction folds only the new rows
    await edit(id, member, 3, 'after');
    const after = yDocToMarkdown(await store.load(id));
    expect(after).toContain('after 2');
    expect(await t.app.get(Compactor).compact(id)).toBe(3);
    expect(yDocToMarkdown(await store.load(id))).toBe(after);
    const contributors = (await member.client.ok<Contributors>(CONTRIBUTORS, { id })).document.contributors;
    expect(contributors.find((c) => c.user.id === member.id)?.edits).toBe(34);
  });

  const logRows = async (id: string): Promise<number> =>
    ((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id])) as { n: number }[])[0].n;
  const newDocument = async (title: string): Promise<string> =>
    (await member.client.ok<{ createDocument: { id: string } }>(`mutation($ws: ID!, $title: String!) { createDocument(input: { workstreamId: $ws, title: $title, kind: OTHER }) { id } }`, { ws: ws.id, title }))
      .createDocument.id;

  it('compacts only documents past the threshold when the scheduler runs', async () => {
    const busy = await newDocument('Busy');
    // 201 rows: every edit's load replayed at most 200, so none asked for a compaction of its own
    await edit(busy, member, COMPACT_THRESHOLD + 1, 'busy');
    expect(await logRows(busy)).toBe(COMPACT_THRESHOLD + 1);
    expect(await t.app.get(Compactor).compactDue()).toBeGreaterThanOrEqual(1);
    expect(await logRows(busy)).toBe(0);
  });

  it('compacts a document at once when a load had to replay more than the threshold, giving the same document', async () => {
    const long = await newDocument('Long');
    await edit(long, member, COMPACT_THRESHOLD + 1, 'long');
    const store = t.app.get(DocumentStore);
    const before = (await store.load(long)).getXmlFragment('default').toString(); // replays 201 rows
    await t.app.get(Compactor).settled();
    expect(await logRows(long)).toBe(0);
    expect((await store.load(long)).getXmlFragment('default').toString()).toBe(before);
  });

  /** One paragraph's worth of update, made on a copy of the stored document. */
  const updateAdding = async (id: string, text: string): Promise<Buffer> => {
    const doc = await t.app.get(DocumentStore).load(id);
    const before = Y.encodeStateVector(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment('default').push([p]);
    return Buffer.from(Y.encodeStateAsUpdate(doc, before));
  };
  /** A second connection, as another API instance writing the same log would be. */
  const otherInstance = async () => {
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    return pg;
  };
  const INSERT = `INSERT INTO document_updates (document_id, author_id, update) VALUES ($1, $2, $3)`;

  itOnPostgres('keeps an update that commits after a compaction folded later ones (two instances): the document loads with it', async () => {
    const id = await given.document(ws, { markdown: 'Start' });
    const late = await updateAdding(id, 'Written on the slower instance');
    const pg = await otherInstance();
    try {
      await pg.query('BEGIN');
      await pg.query(INSERT, [id, member.id, late]); // its id is taken now, its commit comes later
      await edit(id, member, 3, 'quick'); // later ids, committed at once
      await t.app.get(Compactor).compact(id);
      await pg.query('COMMIT');
    } finally {
      await pg.end();
    }
    const text = yDocToMarkdown(await t.app.get(DocumentStore).load(id));
    expect(text).toContain('Written on the slower instance');
    expect(text).toContain('quick 2');
    await t.app.get(Compactor).compact(id);
    expect(yDocToMarkdown(await t.app.get(DocumentStore).load(id))).toBe(text);
  });

  itOnPostgres('never deletes an update the compaction did not fold: one that commits while a pass is under way stays in the log', async () => {
    const id = await given.document(ws, { markdown: 'Start' });
    await edit(id, member, 2, 'first');
    await t.app.get(Compactor).compact(id); // the member now has a contributions row
    const late = await updateAdding(id, 'Committed mid-compaction');
    const pg = await otherInstance();
    try {
      await pg.query('BEGIN');
      await pg.query(INSERT, [id, member.id, late]);
      // holding the member's contributions row keeps the next pass waiting after it has read the log
      await pg.query(`SELECT 1 FROM document_contributions WHERE document_id = $1 AND author_id = $2 FOR UPDATE`, [id, member.id]);
      await edit(id, member, 2, 'second');
      const pass = t.app.get(Compactor).compact(id);
      await waitForAsync(
        async () =>
          (
            await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO document_contributions%'`)
          )[0].n === 1,
        'the pass to wait for the contributions row',
      );
      await pg.query('COMMIT'); // the late update is visible now, before the pass deletes what it folded
      await pass;
    } finally {
      await pg.end();
    }
    const text = yDocToMarkdown(await t.app.get(DocumentStore).load(id));
    expect(text).toContain('Committed mid-compaction');
    expect(text).toContain('second 1');
  });

  it('folds live from a document open in memory: an empty log, the same document, the same contributors', async () => {
    const id = await given.document(ws, { markdown: 'Start' });
    await edit(id, member, 12, 'member');
    await edit(id, ws.facilitator, 5, 'facilitator');
    const store = t.app.get(DocumentStore);
    const opened = await store.open(id);
    const text = yDocToMarkdown(opened.doc);
    const contributors = await member.client.ok<Contributors>(CONTRIBUTORS, { id });
    const fold = await t.app.get(Compactor).foldLive(id, opened.doc, opened.snapshotVersion);
    expect(fold?.folded).toBe(opened.logRows);
    expect(fold?.version).not.toBe(opened.snapshotVersion);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id]);
    expect(n).toBe(0);
    expect(yDocToMarkdown(await store.load(id))).toBe(text);
    expect(await member.client.ok<Contributors>(CONTRIBUTORS, { id })).toEqual(contributors);
    expect(await t.app.get(Compactor).foldLive(id, opened.doc, fold?.version ?? '')).toBeNull(); // nothing left to fold
  });

  itOnPostgres('a live fold keeps the rows its document does not hold: one another instance committed after the open stays in the log', async () => {
    const id = await given.document(ws, { markdown: 'Start' });
    await edit(id, member, 3, 'before');
    const opened = await t.app.get(DocumentStore).open(id);
    const pg = await otherInstance();
    try {
      await pg.query(INSERT, [id, member.id, await updateAdding(id, 'Arrived after the open')]);
    } finally {
      await pg.end();
    }
    const fold = await t.app.get(Compactor).foldLive(id, opened.doc, opened.snapshotVersion);
    expect(fold?.folded).toBe(opened.logRows);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id]);
    expect(n).toBe(1);
    const text = yDocToMarkdown(await t.app.get(DocumentStore).load(id));
    expect(text).toContain('Arrived after the open');
    expect(text).toContain('before 2');
  });

  itOnPostgres('a live fold keeps what another fold wrote into the snapshot since its document was opened', async () => {
    const id = await given.document(ws, { markdown: 'Start' });
    await edit(id, member, 3, 'before');
    const opened = await t.app.get(DocumentStore).open(id);
    const pg = await otherInstance();
    try {
      await pg.query(INSERT, [id, member.id, await updateAdding(id, 'Folded elsewhere')]);
    } finally {
      await pg.end();
    }
    await t.app.get(Compactor).compact(id); // another instance's compaction: the snapshot now holds a row this doc lacks
    opened.doc.getXmlFragment('default').push([new Y.XmlElement('paragraph')]); // and this doc holds content that snapshot lacks
    await t.app.get(DocumentStore).edit(id, member.id, (doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(opened.doc)));
    const fold = await t.app.get(Compactor).foldLive(id, opened.doc, opened.snapshotVersion);
    expect(fold?.folded).toBe(1);
    const text = yDocToMarkdown(await t.app.get(DocumentStore).load(id));
    expect(text).toContain('Folded elsewhere');
    expect(text).toContain('before 2');
  });

  it('folds a log longer than one live pass reads (a crash or an older release left it), all of it', async () => {
    const id = await given.document(ws, { markdown: '' });
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(await t.app.get(DocumentStore).load(id)));
    const keystrokes: { documentId: string; authorId: string | null; update: Uint8Array }[] = [];
    typist.on('update', (update: Uint8Array) => keystrokes.push({ documentId: id, authorId: member.id, update }));
    const text = new Y.XmlText();
    typist.getXmlFragment('default').push([text]);
    for (let i = 0; i < 20_500; i += 1) text.insert(i, 'k');
    const log = t.app.get(UpdateLogRepository);
    for (let i = 0; i < keystrokes.length; i += 2000) await log.appendMany(keystrokes.slice(i, i + 2000));
    const opened = await t.app.get(DocumentStore).open(id, { compactLater: false });
    expect(opened.logRows).toBeGreaterThan(20_000);
    const fold = await t.app.get(Compactor).foldLive(id, opened.doc, opened.snapshotVersion);
    expect(fold?.folded).toBe(opened.logRows);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [id]);
    expect(n).toBe(0);
    expect((await t.app.get(DocumentStore).load(id)).getXmlFragment('default').toString()).toContain('k'.repeat(20_500));
  });
});
