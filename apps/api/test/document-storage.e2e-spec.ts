import * as Y from 'yjs';
import { Compactor, DocumentStore } from '@intersessional/documents';
import { yDocToMarkdown } from '@intersessional/document-schema';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

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

  it('compacts only documents past the threshold when the scheduler runs', async () => {
    const { createDocument } = await member.client.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Busy", kind: OTHER }) { id } }`,
      { ws: ws.id },
    );
    await edit(createDocument.id, member, 205, 'busy');
    expect(await t.app.get(Compactor).compactDue()).toBeGreaterThanOrEqual(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [createDocument.id]);
    expect(n).toBe(0);
  });
});
