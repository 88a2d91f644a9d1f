import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/** A y-websocket sync "update" frame carrying `update`. */
function updateFrame(update: Uint8Array): Buffer {
  const length: number[] = [];
  let n = update.length;
  while (n > 127) {
    length.push((n & 127) | 128);
    n >>>= 7;
  }
  length.push(n);
  return Buffer.from([0, 2, ...length, ...update]);
}

/** A fresh update adding a paragraph of `chars` characters. */
function paragraph(doc: Y.Doc, chars: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('x'.repeat(chars))]);
  doc.getXmlFragment('default').push([p]);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('collaboration limits', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };

  beforeAll(async () => {
    t = await startTestApp({ COLLAB_MAX_MESSAGE_BYTES: '4096', COLLAB_MAX_DOCUMENT_BYTES: '6000', COLLAB_MAX_UPDATES_PER_SECOND: '20' });
    given = new Given(t);
    ws = await given.workstream('BPF');
  });
  afterAll(() => t.close());

  const open = async () => {
    const { createDocument } = await ws.facilitator.client.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Limits", kind: OTHER }) { id } }`,
      { ws: ws.id },
    );
    const { collaborationToken } = await ws.facilitator.client.ok<{ collaborationToken: { token: string } }>(
      `mutation($id: ID!) { collaborationToken(documentId: $id) { token } }`,
      { id: createDocument.id },
    );
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${createDocument.id}?token=${collaborationToken.token}`);
    await new Promise((resolve) => socket.on('open', resolve));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const stored = async () =>
      Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [createDocument.id]))[0].n);
    return { socket, closed, stored };
  };

  it('refuses a WebSocket upgrade on a path nobody serves (404) instead of leaving it hanging', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/nowhere`);
    const refused = await new Promise<string>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(`status ${res.statusCode}`));
      socket.on('error', (error) => resolve(error.message));
    });
    expect(refused).toMatch(/404/);
  });

  it('closes a connection whose frame is over the message size limit (1009)', async () => {
    const { socket, closed, stored } = await open();
    socket.send(updateFrame(paragraph(new Y.Doc(), 5000)));
    expect((await closed).code).toBe(1009);
    expect(await stored()).toBe(0);
  });

  it('refuses an update that would make the document too large (4413), storing nothing of it', async () => {
    const { socket, closed, stored } = await open();
    const doc = new Y.Doc();
    for (let i = 0; i < 3; i += 1) socket.send(updateFrame(paragraph(doc, 2500)));
    expect(await closed).toEqual({ code: 4413, reason: 'document size limit reached' });
    // the two updates before the limit are stored (group commit may take a few milliseconds more)
    for (let i = 0; i < 50 && (await stored()) < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stored()).toBe(2);
  });

  it('closes a connection that floods updates (4429)', async () => {
    const { socket, closed } = await open();
    const doc = new Y.Doc();
    for (let i = 0; i < 100 && socket.readyState === socket.OPEN; i += 1) socket.send(updateFrame(paragraph(doc, 1)));
    expect(await closed).toEqual({ code: 4429, reason: 'too many messages per second' });
  });
});
