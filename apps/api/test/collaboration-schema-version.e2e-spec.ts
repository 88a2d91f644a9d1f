import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, CloseReason, CollabServer } from '@intersessional/collaboration';
import { SCHEMA_VERSION } from '@intersessional/document-schema';
import { Given, type TestUser } from './support/given';
import { collaborationToken, openEditor, paragraph } from './support/editors';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';

const EXPORT = (t: TestApp, id: string, token: string) =>
  fetch(`${t.url}/documents/${id}/export?format=markdown`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());

describe('/collab refuses an editor built for another schema version', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };
  let member: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('PN', { joinPolicy: 'OPEN' });
    member = await given.user();
    await given.member(ws.id, member);
  });
  afterAll(() => t.close());

  /** The document's stored log: how many updates, and the newest one's id (compaction may merge, never add). */
  const storedUpdates = async (documentId: string) =>
    (
      await t.dataSource.query<{ count: string; newest: string | null }[]>(
        `SELECT count(*) AS count, max(id)::text AS newest FROM document_updates WHERE document_id = $1`,
        [documentId],
      )
    )[0];

  it('closes with 4426 "editor out of date, reload" before syncing anything, and stores nothing the stale editor wrote', async () => {
    const id = await given.document(ws, { markdown: 'Agreed text.' });
    const before = await storedUpdates(id);
    const { token } = await collaborationToken(member, id);

    // a stale editor that already holds an edit (made offline, say) it would send on connect
    const doc = new Y.Doc();
    doc.getXmlFragment('default').push([paragraph('Written by an editor of another schema')]);
    const provider = new WebsocketProvider(`${t.url.replace('http', 'ws')}/collab`, id, doc, {
      params: { token, schemaVersion: String(SCHEMA_VERSION + 1) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const received: number[] = [];
    provider.on('sync', () => received.push(1));
    try {
      const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
        provider.once('closed', (event) => resolve(event));
        provider.once('sync', () => reject(new Error('synced with an editor of another schema')));
      });
      expect(closed).toEqual({ code: 4426, reason: 'editor out of date, reload' });
      expect(closed).toEqual({ code: CloseCode.SCHEMA_MISMATCH, reason: CloseReason.SCHEMA_MISMATCH });
      expect(provider.shouldConnect).toBe(false); // y-websocket gives up for good: the page must reload
      expect(provider.synced).toBe(false);
      expect(received).toEqual([]);
      expect(t.app.get(CollabServer).closedWith(4426)).toBeGreaterThanOrEqual(1);

      expect(await storedUpdates(id)).toEqual(before);
      const stored = await EXPORT(t, id, member.token);
      expect(stored).toBe('Agreed text.\n');
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });

  it('refuses a stale editor even when its token has expired meanwhile (reload, not sign in again)', async () => {
    const id = await given.document(ws);
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${id}?token=expired&schemaVersion=0`);
    socket.on('error', () => undefined);
    const frames: Buffer[] = [];
    socket.on('message', (data: Buffer) => frames.push(data));
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4426);
    expect(frames).toEqual([]);
  });

  it('stores nothing for a client that only opens the document (its empty sync step 2 is no edit)', async () => {
    const id = await given.document(ws, { markdown: 'Agreed text.' });
    const before = await storedUpdates(id);
    const first = await openEditor(t.url, member, id);
    const second = await openEditor(t.url, ws.facilitator, id);
    try {
      // both have answered the server's sync step 1 by now; a real edit after them is stored, and alone
      first.doc.getXmlFragment('default').push([paragraph('A real edit')]);
      await waitFor(() => second.text().includes('A real edit'), 'the edit to reach the other client');
      const after = await storedUpdates(id);
      expect(Number(after.count)).toBe(Number(before.count) + 1);
    } finally {
      first.close();
      second.close();
    }
  });

  it('accepts an editor of the same version, and one that sends none (stock y-websocket clients)', async () => {
    const id = await given.document(ws, { markdown: 'Agreed text.' });
    const { token } = await collaborationToken(member, id);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${t.url.replace('http', 'ws')}/collab`, id, doc, {
      params: { token, schemaVersion: String(SCHEMA_VERSION) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const stock = await openEditor(t.url, ws.facilitator, id);
    try {
      await waitFor(() => provider.synced, 'the current editor to sync');
      doc.getXmlFragment('default').push([paragraph('From the current editor')]);
      await waitFor(() => stock.text().includes('From the current editor'), 'the edit to reach the stock client');
      await waitForAsync(async () => (await EXPORT(t, id, member.token)).includes('From the current editor'), 'the edit to be stored');
    } finally {
      provider.destroy();
      doc.destroy();
      stock.close();
    }
  });
});
