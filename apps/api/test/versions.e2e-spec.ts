import { DocumentStore } from '@intersessional/documents';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const FREEZE = `mutation($id: ID!, $label: String!) { freezeVersion(documentId: $id, label: $label) { id number label markdown paragraphs { number blockId text } } }`;
const IMPORT = `mutation($id: ID!, $md: String!) { importDocumentMarkdown(id: $id, markdown: $md, replace: true) { id } }`;
type Version = { id: string; number: number; label: string; markdown: string; paragraphs: { number: number; blockId: string | null; text: string }[] };

describe('document versions', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
    outsider = await given.user();
  });
  afterAll(() => t.close());

  it('freezes named versions with block ids, lists, renders, compares and restores them', async () => {
    const { createDocument } = await member.client.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Report", kind: DRAFT_OUTPUT, markdown: "# Title\\n\\nFirst.\\n\\nSecond." }) { id } }`,
      { ws: ws.id },
    );
    const id = createDocument.id;
    const refused = await member.client.fails(FREEZE, { id, label: 'Draft I' });
    expect(refused.extensions?.code).toBe('FORBIDDEN');

    const v1 = (await ws.facilitator.client.ok<{ freezeVersion: Version }>(FREEZE, { id, label: 'Draft I' })).freezeVersion;
    expect(v1).toMatchObject({ number: 1, label: 'Draft I', markdown: '# Title\n\nFirst.\n\nSecond.\n' });
    expect(v1.paragraphs.map((p) => [p.number, p.text])).toEqual([[0, 'Title'], [1, 'First.'], [2, 'Second.']]);
    expect(v1.paragraphs.every((p) => typeof p.blockId === 'string')).toBe(true);

    // edit the live document: change the first paragraph, drop the second, add a third
    await t.app.get(DocumentStore).edit(id, member.id, (doc) => {
      const fragment = doc.getXmlFragment('default');
      const first = fragment.get(1) as unknown as { get(i: number): { insert(at: number, text: string): void } };
      first.get(0).insert(0, 'Very ');
      fragment.delete(2, 1);
    });
    await member.client.ok(`mutation($id: ID!, $md: String!) { importDocumentMarkdown(id: $id, markdown: $md) { id } }`, { id, md: 'Third.' });
    const v2 = (await ws.facilitator.client.ok<{ freezeVersion: Version }>(FREEZE, { id, label: 'Draft for public comment' })).freezeVersion;
    expect(v2.number).toBe(2);

    const diff = await t.client.request<{ compareVersions: { change: string; fromNumber: number | null; toNumber: number | null; toText: string | null; fromText: string | null }[] }>(
      `query($a: ID!, $b: ID!) { compareVersions(fromVersionId: $a, toVersionId: $b) { change fromNumber toNumber fromText toText } }`,
      { a: v1.id, b: v2.id },
    );
    // members-only document: anonymous readers get NOT_FOUND
    expect(diff.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const compared = await member.client.ok<{ compareVersions: { change: string; fromText: string | null; toText: string | null }[] }>(
      `query($a: ID!, $b: ID!) { compareVersions(fromVersionId: $a, toVersionId: $b) { change fromNumber toNumber fromText toText } }`,
      { a: v1.id, b: v2.id },
    );
    expect(compared.compareVersions.map((d) => [d.change, d.fromText, d.toText])).toEqual([
      ['UNCHANGED', 'Title', 'Title'],
      ['CHANGED', 'First.', 'Very First.'],
      ['REMOVED', 'Second.', null],
      ['ADDED', null, 'Third.'],
    ]);

    await member.client.ok(IMPORT, { id, md: 'Scrapped everything.' });
    await ws.facilitator.client.ok(`mutation($v: ID!) { restoreVersion(versionId: $v) { id } }`, { v: v1.id });
    const exported = await (await fetch(`${t.url}/documents/${id}/export`, { headers: { authorization: `Bearer ${member.token}` } })).text();
    expect(exported).toBe('# Title\n\nFirst.\n\nSecond.\n');

    const listed = await member.client.ok<{ document: { versions: { number: number; label: string }[] } }>(
      `query($id: ID!) { document(id: $id) { versions { number label } } }`,
      { id },
    );
    expect(listed.document.versions).toEqual([{ number: 1, label: 'Draft I' }, { number: 2, label: 'Draft for public comment' }]);
    expect((await outsider.client.fails(`query($v: ID!) { documentVersion(id: $v) { id } }`, { v: v1.id })).extensions?.code).toBe('NOT_FOUND');
    expect((await member.client.fails(`mutation($v: ID!) { restoreVersion(versionId: $v) { id } }`, { v: v1.id })).extensions?.code).toBe('FORBIDDEN');
    const other = await member.client.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Other", kind: OTHER, markdown: "x" }) { id } }`,
      { ws: ws.id },
    );
    const v3 = (await ws.facilitator.client.ok<{ freezeVersion: Version }>(FREEZE, { id: other.createDocument.id, label: 'Other I' })).freezeVersion;
    const mixed = await member.client.fails(`query($a: ID!, $b: ID!) { compareVersions(fromVersionId: $a, toVersionId: $b) { change } }`, { a: v1.id, b: v3.id });
    expect(mixed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toVersionId' });
    expect((await ws.facilitator.client.fails(FREEZE, { id, label: ' ' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'label' });
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'document.version%' ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['document.version_frozen', 'document.version_frozen', 'document.version_restored']);
  });
});
