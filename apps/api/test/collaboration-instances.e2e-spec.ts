import Redis from 'ioredis';
import { CloseCode, CollabFanOut, CollabServer } from '@intersessional/collaboration';
import { Given, type TestUser } from './support/given';
import { type Editor, openEditor, paragraph } from './support/editors';
import { awarenessFrame, openRaw } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { describeWithRedis } from './support/backends';

const CREATE = `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`;
const IMPORT = `mutation($id: ID!, $markdown: String!) { importDocumentMarkdown(id: $id, markdown: $markdown) { id } }`;


describeWithRedis('co-drafting across several API instances (Redis fan-out)', () => {
  let one: TestApp;
  let two: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;
  const editors: Editor[] = [];

  beforeAll(async () => {
    one = await startTestApp();
    two = await startTestApp({}, { peerOf: one });
    given = new Given(one);
    ws = await given.workstream('BPF', { joinPolicy: 'OPEN', facilitator: await given.user({ displayName: 'Facilitator on two' }) });
    member = await given.user();
    await given.member(ws.id, member);
  });
  afterEach(() => editors.splice(0).forEach((e) => e.close()));
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  const newDocument = async () =>
    (await member.client.ok<{ createDocument: { id: string } }>(CREATE, { input: { workstreamId: ws.id, title: 'Report', kind: 'DRAFT_OUTPUT', markdown: 'Opening' } })).createDocument.id;

  const connect = async (instance: TestApp, user: TestUser, documentId: string) => {
    const editor = await openEditor(instance.url, user, documentId);
    editors.push(editor);
    return editor;
  };

  it('clients on different instances see each other’s edits and cursors live', async () => {
    const id = await newDocument();
    const a = await connect(one, member, id);
    const b = await connect(two, ws.facilitator, id);

    a.doc.getXmlFragment('default').push([paragraph('Written on instance one')]);
    b.doc.getXmlFragment('default').push([paragraph('Written on instance two')]);
    await waitFor(() => a.text().includes('instance two') && b.text().includes('instance one'), 'cross-instance edits');
    await waitFor(() => a.text() === b.text(), 'convergence');

    // the name others see is the account's, set by the instance the client is on
    b.provider.awareness.setLocalState({ user: { name: 'Someone else' }, cursor: 'on two' });
    await waitFor(() => (a.provider.awareness.getStates().get(b.doc.clientID) as { cursor?: string } | undefined)?.cursor === 'on two', 'a cursor from the other instance');
    expect((a.provider.awareness.getStates().get(b.doc.clientID) as { user?: { name?: string } }).user?.name).toBe('Facilitator on two');
  });

  it('a connection on one instance cannot take over a client id that is live on another', async () => {
    const id = await newDocument();
    const a = await connect(one, member, id);
    const b = await connect(two, ws.facilitator, id);
    a.provider.awareness.setLocalState({ cursor: 'mine' });
    const cursorOf = (editor: Editor, clientId: number) => (editor.provider.awareness.getStates().get(clientId) as { cursor?: string } | undefined)?.cursor;
    await waitFor(() => cursorOf(b, a.doc.clientID) === 'mine', "a's cursor on instance two");
    const other = await given.user();
    await given.member(ws.id, other);
    const attacker = await openRaw(two.url, id, other);
    try {
      attacker.socket.send(awarenessFrame([{ clientId: a.doc.clientID, clock: 500, state: { cursor: 'taken' } }]));
      attacker.socket.send(awarenessFrame([{ clientId: 8080, clock: 1, state: { cursor: 'done' } }]));
      await waitFor(() => cursorOf(a, 8080) === 'done' || cursorOf(b, a.doc.clientID) === 'taken', 'the attacker’s frames to be judged');
      expect(cursorOf(b, a.doc.clientID)).toBe('mine');
      expect(cursorOf(a, 8080)).toBe('done');
    } finally {
      attacker.socket.terminate();
    }
  });

  it('a late joiner on another instance gets the whole state, and server-side edits reach every instance', async () => {
    const id = await newDocument();
    const a = await connect(one, member, id);
    a.doc.getXmlFragment('default').push([paragraph('Before the late joiner')]);
    const b = await connect(two, ws.facilitator, id);
    await waitFor(() => b.text().includes('Before the late joiner'), 'the late joiner to catch up');

    // the import runs on instance one; instance two's client sees it live
    await member.client.ok(IMPORT, { id, markdown: 'Imported on instance one' });
    await waitFor(() => b.text().includes('Imported on instance one'), 'server edit on the other instance');
    await waitFor(() => a.text() === b.text(), 'convergence');
  });

  it('nothing crosses instances before it is stored', async () => {
    const id = await newDocument();
    const a = await connect(one, member, id);
    const b = await connect(two, ws.facilitator, id);
    // a socket that only ever sends a cursor: it never writes, so the blocked log cannot close it
    const c = await openRaw(one.url, id, ws.facilitator);
    await one.dataSource.query(`ALTER TABLE document_updates ADD CONSTRAINT block_writes CHECK (document_id <> '${id}') NOT VALID`);
    try {
      const refusedBefore = one.app.get(CollabServer).closedWith(CloseCode.STORAGE_UNAVAILABLE);
      a.doc.getXmlFragment('default').push([paragraph('Written while storage is down')]);
      // the failed insert closes the writer with 4503: by then its update was handled, and published nowhere
      await waitFor(() => one.app.get(CollabServer).closedWith(CloseCode.STORAGE_UNAVAILABLE) > refusedBefore, 'the writer to be refused with 4503', 10_000);
      // a cursor moved on instance one after the refusal crosses the same channel behind anything published before it
      c.socket.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { cursor: 'after the refusal' } }]));
      await waitFor(() => (b.provider.awareness.getStates().get(4242) as { cursor?: string } | undefined)?.cursor === 'after the refusal', 'a later cursor to cross to instance two');
      expect(b.text()).not.toContain('Written while storage is down');
    } finally {
      c.socket.terminate();
      await one.dataSource.query(`ALTER TABLE document_updates DROP CONSTRAINT block_writes`);
    }
    await waitFor(() => b.text().includes('Written while storage is down'), 'delivery once stored', 10_000);
  });

  it('an instance whose Redis subscription dropped catches up from storage', async () => {
    const id = await newDocument();
    const a = await connect(one, member, id);
    const b = await connect(two, ws.facilitator, id);
    const admin = new Redis(process.env.REDIS_URL ?? '');
    try {
      // cut instance two's subscriber off, and edit while it is away: pub/sub does not keep messages
      const clients = (await admin.client('LIST')) as string;
      const line = clients.split('\n').filter((l) => l.includes(`name=${two.redisKeyPrefix}collab-subscriber-${two.app.get(CollabFanOut).instanceId}`));
      expect(line).toHaveLength(1);
      const clientId = /id=(\d+)/.exec(line[0])?.[1];
      await admin.client('KILL', 'ID', clientId ?? '');
      a.doc.getXmlFragment('default').push([paragraph('Written while instance two was away')]);
      await waitFor(() => b.text().includes('Written while instance two was away'), 'catch-up after resubscribing', 10_000);
      await waitFor(() => a.text() === b.text(), 'convergence');
    } finally {
      admin.disconnect();
    }
  });
});
