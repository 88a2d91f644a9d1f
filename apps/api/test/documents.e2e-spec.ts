import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id title kind language visibility status workstreamId } }`;
const UPDATE = `mutation($input: UpdateDocumentInput!) { updateDocument(input: $input) { id title visibility status } }`;
const LIST = `query($id: ID!) { workstream(id: $id) { documents(first: 10) { totalCount edges { node { title visibility } } } } }`;

const DRAFT = `# Draft output\n\nAn **intro** paragraph.\n\n- first point\n- second point\n\n| Group | Inputs |\n| --- | --- |\n| Civil society | 12 |\n`;

describe('documents', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  let observer: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    root = await given.secretariat();
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
    observer = await given.user();
    await given.addMember(ws.id, observer, ws.facilitator, 'OBSERVER');
    outsider = await given.user();
  });
  afterAll(() => t.close());

  const exportAs = (id: string, format: string, token?: string) =>
    fetch(`${t.url}/documents/${id}/export?format=${format}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('a member creates a document from Markdown and exports it as Markdown, HTML and numbered text', async () => {
    const created = await member.client.ok<{ createDocument: { id: string; status: string; visibility: string } }>(CREATE, {
      input: { workstreamId: ws.id, title: 'Draft output: Cybersecurity é', kind: 'DRAFT_OUTPUT', language: 'en', markdown: DRAFT },
    });
    expect(created.createDocument).toMatchObject({ status: 'DRAFTING', visibility: 'MEMBERS' });
    const id = created.createDocument.id;

    const md = await exportAs(id, 'markdown', member.token);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toContain("filename*=UTF-8''Draft%20output%3A%20Cybersecurity%20%C3%A9.md");
    expect(await md.text()).toBe(DRAFT);

    const html = await exportAs(id, 'html', member.token);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<p>An <strong>intro</strong> paragraph.</p>');
    expect(page).toContain('<td><p>Civil society</p></td>');

    const text = await (await exportAs(id, 'text', observer.token)).text();
    expect(text).toContain('[1] An intro paragraph.');
    expect(text).toContain('[2] first point');

    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1 AND author_id = $2`, [id, member.id]);
    expect(n).toBe(1);
  });

  it('keeps members-only documents hidden from outsiders (as not found), public ones open to all', async () => {
    const { createDocument } = await member.client.ok<{ createDocument: { id: string } }>(CREATE, {
      input: { workstreamId: ws.id, title: 'Work plan', kind: 'WORK_PLAN', markdown: 'Plan' },
    });
    const id = createDocument.id;
    expect((await exportAs(id, 'markdown')).status).toBe(404);
    expect((await exportAs(id, 'markdown', outsider.token)).status).toBe(404);
    expect((await outsider.client.fails(`query($id: ID!) { document(id: $id) { id } }`, { id })).extensions?.code).toBe('NOT_FOUND');
    expect((await t.client.ok<{ workstream: { documents: { edges: { node: { title: string } }[] } } }>(LIST, { id: ws.id })).workstream.documents.edges.map((e) => e.node.title)).not.toContain('Work plan');

    const refused = await member.client.fails(UPDATE, { input: { id, visibility: 'PUBLIC' } });
    expect(refused.extensions?.code).toBe('FORBIDDEN');
    await ws.facilitator.client.ok(UPDATE, { input: { id, visibility: 'PUBLIC', status: 'PUBLISHED' } });
    const open = await exportAs(id, 'markdown');
    expect(open.status).toBe(200);
    expect(await open.text()).toBe('Plan\n');
    expect((await t.client.ok<{ document: { status: string } }>(`query($id: ID!) { document(id: $id) { status } }`, { id })).document.status).toBe('PUBLISHED');
  });

  it('lets members edit, refuses observers and outsiders, and reports bad input clearly', async () => {
    const input = { workstreamId: ws.id, title: 'Notes', kind: 'MEETING_NOTES' };
    expect((await observer.client.fails(CREATE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await outsider.client.fails(CREATE, { input })).extensions?.code).toBe('FORBIDDEN');
    expect((await t.client.fails(CREATE, { input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await member.client.fails(CREATE, { input: { ...input, language: 'not a tag!' } })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
    expect((await member.client.fails(CREATE, { input: { ...input, title: '' } })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect((await root.client.fails(CREATE, { input: { ...input, workstreamId: '00000000-0000-4000-8000-000000000000' } })).extensions?.code).toBe('NOT_FOUND');
    const created = await member.client.ok<{ createDocument: { id: string } }>(CREATE, { input });
    const renamed = await member.client.ok<{ updateDocument: { title: string } }>(UPDATE, { input: { id: created.createDocument.id, title: 'Notes of the 3rd call' } });
    expect(renamed.updateDocument.title).toBe('Notes of the 3rd call');
    const bad = await fetch(`${t.url}/documents/${created.createDocument.id}/export?format=pdf`, { headers: { authorization: `Bearer ${member.token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
    const forged = await fetch(`${t.url}/documents/${created.createDocument.id}/export`, { headers: { authorization: 'Bearer nope' } });
    expect(forged.status).toBe(401);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [created.createDocument.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['document.created', 'document.updated']);
  });
});
