import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode, CollabServer } from '@intersessional/collaboration';
import { DocumentStore } from '@intersessional/documents';
import { Given, type TestUser } from './support/given';
import { type Editor, collaborationToken, openEditor } from './support/editors';
import { awarenessFrame, openRaw } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';

const TOKEN = `mutation($id: ID!) { collaborationToken(documentId: $id) { token mode expiresAt } }`;
const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`;

describe('real-time co-drafting over y-websocket', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  let observer: TestUser;
  let outsider: TestUser;
  const editors: Editor[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('PN', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
    observer = await given.user();
    await given.addMember(ws.id, observer, ws.facilitator, 'OBSERVER');
    outsider = await given.user();
  });
  afterEach(() => {
    editors.splice(0).forEach((e) => e.close());
  });
  afterAll(() => t.close());

  const newDocument = async (markdown = 'Opening paragraph') =>
    (await member.client.ok<{ createDocument: { id: string } }>(CREATE, { input: { workstreamId: ws.id, title: 'Report', kind: 'DRAFT_OUTPUT', markdown } })).createDocument.id;

  const tokenFor = collaborationToken;

  /** An unmodified y-websocket client, exactly as an editor would create it. */
  const connect = async (user: TestUser, documentId: string) => {
    const editor = await openEditor(t.url, user, documentId);
    editors.push(editor);
    return editor;
  };

  const closeCodeOf = (url: string) =>
    new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(url);
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      socket.on('error', () => undefined);
    });

  it('several clients converge, a late joiner receives the whole state, and every edit is stored first', async () => {
    const id = await newDocument();
    const a = await connect(member, id);
    const b = await connect(ws.facilitator, id);
    expect(a.text()).toContain('Opening paragraph');

    const paragraphA = new Y.XmlElement('paragraph');
    paragraphA.insert(0, [new Y.XmlText('From A')]);
    a.doc.getXmlFragment('default').push([paragraphA]);
    const paragraphB = new Y.XmlElement('paragraph');
    paragraphB.insert(0, [new Y.XmlText('From B')]);
    b.doc.getXmlFragment('default').push([paragraphB]);
    await waitFor(() => a.text() === b.text() && a.text().includes('From A') && a.text().includes('From B'), 'convergence');

    const late = await connect(observer, id);
    await waitFor(() => late.text() === a.text(), 'late joiner state');

    const stored = await t.dataSource.query(`SELECT author_id FROM document_updates WHERE document_id = $1 ORDER BY id`, [id]);
    expect(stored.map((r: { author_id: string }) => r.author_id)).toEqual(expect.arrayContaining([member.id, ws.facilitator.id]));
    const md = await (await fetch(`${t.url}/documents/${id}/export`, { headers: { authorization: `Bearer ${member.token}` } })).text();
    expect(md).toContain('From A');
    expect(md).toContain('From B');
  });

  it('readers are read-only: their updates are neither applied, stored nor broadcast', async () => {
    const id = await newDocument();
    expect((await tokenFor(observer, id)).mode).toBe('READ_ONLY');
    expect((await tokenFor(member, id)).mode).toBe('READ_WRITE');
    const editor = await connect(member, id);
    const reader = await connect(observer, id);
    const sneaky = new Y.XmlElement('paragraph');
    sneaky.insert(0, [new Y.XmlText('Not allowed')]);
    reader.doc.getXmlFragment('default').push([sneaky]);
    // The server handles a socket's frames in order, so once the reader's next frame (its cursor) has
    // crossed, its update has been judged; and once an edit made after it is stored, any earlier one
    // would be stored too (the log commits in arrival order).
    reader.provider.awareness.setLocalStateField('cursor', 'after the update');
    const readerId = reader.doc.clientID;
    await waitFor(() => (editor.provider.awareness.getStates().get(readerId) as { cursor?: string } | undefined)?.cursor === 'after the update', "the reader's later cursor");
    const marker = new Y.XmlElement('paragraph');
    marker.insert(0, [new Y.XmlText('Allowed')]);
    editor.doc.getXmlFragment('default').push([marker]);
    await waitForAsync(async () => (await t.app.get(DocumentStore).load(id)).getXmlFragment('default').toString().includes('Allowed'), "the editor's later edit to be stored");
    expect(editor.text()).not.toContain('Not allowed');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1 AND author_id = $2`, [id, observer.id]);
    expect(n).toBe(0);
  });

  it('refuses connections with a close code and a reason', async () => {
    const id = await newDocument();
    const base = `${t.url.replace('http', 'ws')}/collab`;
    expect(await closeCodeOf(`${base}/${id}`)).toEqual({ code: 4401, reason: 'missing, invalid or expired token' });
    expect((await closeCodeOf(`${base}/${id}?token=forged`)).code).toBe(4401);
    const other = await newDocument();
    const { token } = await tokenFor(member, other);
    expect((await closeCodeOf(`${base}/${id}?token=${token}`)).code).toBe(4401); // a token for another document
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect((await closeCodeOf(`${base}/not-a-document?token=${token}`)).code).toBe(4404);
    expect((await closeCodeOf(`${base}/${ghost}?token=${token}`)).code).toBe(4401);

    // a member who is removed after getting a token is refused on the next connect
    const leaver = await given.user();
    await given.member(ws.id, leaver);
    const kept = await tokenFor(leaver, id);
    await leaver.client.ok(`mutation($id: ID!) { leaveWorkstream(workstreamId: $id) }`, { id: ws.id });
    expect(await closeCodeOf(`${base}/${id}?token=${kept.token}`)).toEqual({ code: 4403, reason: 'not allowed to read this document' });
    expect((await outsider.client.fails(TOKEN, { id })).extensions?.code).toBe('NOT_FOUND');
  });

  it('closes a connection that sends a malformed frame, without touching the document', async () => {
    const id = await newDocument();
    const { token } = await tokenFor(member, id);
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${id}?token=${token}`);
    await new Promise((resolve) => socket.on('open', resolve));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send(Buffer.from([0, 2, 200, 1, 2, 3])); // a sync update whose payload is garbage
    expect(await closed).toBe(4400);
    const healthy = await connect(member, id);
    expect(healthy.text()).toContain('Opening paragraph');
  });

  it('unloads a document when its last client leaves, and loads it again from storage', async () => {
    const id = await newDocument('Persisted');
    const server = t.app.get(CollabServer);
    const a = await connect(member, id);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Kept after unload')]);
    a.doc.getXmlFragment('default').push([p]);
    await waitFor(() => Number(a.provider.wsconnected) === 1, 'connected');
    await waitForAsync(async () => (await t.app.get(DocumentStore).load(id)).getXmlFragment('default').toString().includes('Kept after unload'), 'the edit to be stored');
    const open = server.openDocuments;
    editors.splice(0).forEach((e) => e.close());
    await waitFor(() => server.openDocuments === open - 1, 'unload');
    const again = await connect(ws.facilitator, id);
    await waitFor(() => again.text().includes('Kept after unload'), 'reload from the log');
  });

  it('survives a fuzzer of random and mutated frames: the process stays up and serves exactly what is stored', async () => {
    const id = await newDocument('Fuzz target');
    const watcher = await connect(ws.facilitator, id);
    const before = watcher.text();
    const { token } = await tokenFor(member, id);
    const url = `${t.url.replace('http', 'ws')}/collab/${id}?token=${token}`;
    // a valid update frame to mutate
    const source = new Y.Doc();
    source.getXmlFragment('default').push([new Y.XmlElement('paragraph')]);
    const valid = Y.encodeStateAsUpdate(source);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const frames: Buffer[] = [];
    for (let i = 0; i < 150; i += 1) {
      if (i % 2) {
        frames.push(Buffer.from(Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 256))));
      } else {
        const mutated = Buffer.from([0, 2, ...encodeLength(valid.length), ...valid]);
        const at = 3 + Math.floor(random() * (mutated.length - 3));
        mutated[at] = Math.floor(random() * 256);
        frames.push(mutated);
      }
    }
    for (let i = 0; i < frames.length; i += 10) {
      const socket = new WebSocket(url);
      await new Promise((resolve) => socket.on('open', resolve));
      const closed = new Promise((resolve) => socket.on('close', resolve));
      for (const frame of frames.slice(i, i + 10)) if (socket.readyState === socket.OPEN) socket.send(frame);
      socket.close();
      await closed;
    }
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    // mutated updates may be valid Yjs (they decode): then they are stored and applied like any edit;
    // what must never happen is a crash, or a difference between what is stored and what is served.
    // The fuzzing sockets are closed; an edit made now is stored after everything they sent.
    const marker = new Y.XmlElement('paragraph');
    marker.insert(0, [new Y.XmlText('After the fuzzer')]);
    watcher.doc.getXmlFragment('default').push([marker]);
    const storedText = async () => (await t.app.get(DocumentStore).load(id)).getXmlFragment('default').toString();
    await waitForAsync(async () => (await storedText()).includes('After the fuzzer'), 'the marker edit to be stored');
    const stored = await storedText();
    const fresh = await connect(observer, id);
    await waitFor(() => fresh.text() === stored, 'a fresh reader to be served what is stored');
    await waitFor(() => watcher.text() === stored, 'the watcher to hold what is stored');
    expect(watcher.text()).toContain('Fuzz target');
    expect(before).toContain('Fuzz target');
  });

  it('broadcasts nothing that is not stored: with the log unwritable, edits wait, then converge', async () => {
    const id = await newDocument('Write-ahead');
    const a = await connect(member, id);
    const b = await connect(ws.facilitator, id);
    // a socket that only ever sends a cursor: it never writes, so the blocked log cannot close it
    const c = await openRaw(t.url, id, ws.facilitator);
    const server = t.app.get(CollabServer);
    await t.dataSource.query(`ALTER TABLE document_updates ADD CONSTRAINT block_writes CHECK (document_id <> '${id}') NOT VALID`);
    try {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Written while storage is down')]);
      const refusedBefore = server.closedWith(CloseCode.STORAGE_UNAVAILABLE);
      a.doc.getXmlFragment('default').push([p]);
      // the failed insert closes the writer with 4503: by then its update was handled, and not broadcast
      await waitFor(() => server.closedWith(CloseCode.STORAGE_UNAVAILABLE) > refusedBefore, 'the writer to be refused with 4503', 10_000);
      // a cursor moved after the refusal reaches b behind anything sent to b before it
      c.socket.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { cursor: 'after the refusal' } }]));
      await waitFor(() => (b.provider.awareness.getStates().get(4242) as { cursor?: string } | undefined)?.cursor === 'after the refusal', 'a later cursor to reach b');
      expect(b.text()).not.toContain('Written while storage is down');
    } finally {
      c.socket.terminate();
      await t.dataSource.query(`ALTER TABLE document_updates DROP CONSTRAINT block_writes`);
    }
    // the refused client reconnects and resends through the sync protocol
    await waitFor(() => b.text().includes('Written while storage is down'), 'convergence after storage returns', 10_000);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1 AND author_id = $2`, [id, member.id]);
    expect(n).toBeGreaterThanOrEqual(1);
  });

  it('disconnects a removed member and a disabled account within seconds', async () => {
    const id = await newDocument('Access changes');
    const leaving = await given.user();
    const leavingMembership = await given.member(ws.id, leaving);
    const disabled = await given.user();
    await given.member(ws.id, disabled);
    const a = await connect(leaving, id);
    const b = await connect(disabled, id);
    const closes: number[] = [];
    for (const client of [a, b]) {
      client.provider.on('connection-close', (event: { code: number } | null) => {
        if (event) closes.push(event.code);
      });
    }
    await ws.facilitator.client.ok(`mutation($id: ID!) { removeMember(membershipId: $id) }`, { id: leavingMembership });
    const root = await given.secretariat();
    await root.client.ok(`mutation($id: ID!) { disableAccount(userId: $id) { id } }`, { id: disabled.id });
    await waitFor(() => closes.includes(4403) && closes.includes(4401), 'both disconnected', 6000);
  });

  it('shows a server-side edit (Markdown import) live to connected editors, converging with their own edits', async () => {
    const id = await newDocument('Before import');
    const a = await connect(member, id);
    const b = await connect(ws.facilitator, id);
    const own = new Y.XmlElement('paragraph');
    own.insert(0, [new Y.XmlText('Typed meanwhile')]);
    a.doc.getXmlFragment('default').push([own]);
    await ws.facilitator.client.ok(`mutation($id: ID!, $md: String!) { importDocumentMarkdown(id: $id, markdown: $md) { id } }`, {
      id,
      md: '## Imported section\n\nFrom the Word draft.',
    });
    await waitFor(
      () => [a, b].every((c) => c.text().includes('Imported section') && c.text().includes('Typed meanwhile')) && a.text() === b.text(),
      'live import and convergence',
    );
    const replaced = await ws.facilitator.client.ok(`mutation($id: ID!) { importDocumentMarkdown(id: $id, markdown: "Only this", replace: true) { id } }`, { id });
    expect(replaced).toBeTruthy();
    await waitFor(() => a.text() === b.text() && !a.text().includes('Imported section') && a.text().includes('Only this'), 'live replace');
    const frozen = await ws.facilitator.client.ok(`mutation($id: ID!) { updateDocument(input: { id: $id, status: FROZEN }) { status } }`, { id });
    expect(frozen).toMatchObject({ updateDocument: { status: 'FROZEN' } });
    const refused = await member.client.fails(`mutation($id: ID!) { importDocumentMarkdown(id: $id, markdown: "x") { id } }`, { id });
    expect(refused.extensions?.code).toBe('CONFLICT');
  });

  it('throttles cursor and presence updates, and the newest one always arrives', async () => {
    const id = await newDocument('Awareness');
    const typist = await connect(member, id);
    const watcher = await connect(ws.facilitator, id);
    let seen = 0;
    watcher.provider.awareness.on('change', () => (seen += 1));
    for (let i = 1; i <= 60; i += 1) {
      typist.provider.awareness.setLocalStateField('cursor', i);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const typistId = typist.doc.clientID;
    await waitFor(() => (watcher.provider.awareness.getStates().get(typistId) as { cursor?: number } | undefined)?.cursor === 60, 'last cursor');
    expect(seen).toBeLessThan(30);
  });
});

function encodeLength(n: number): number[] {
  const out: number[] = [];
  let value = n;
  while (value > 127) {
    out.push((value & 127) | 128);
    value >>>= 7;
  }
  out.push(value);
  return out;
}
