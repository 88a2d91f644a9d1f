import * as Y from 'yjs';
import { type PmNode, appendJson } from '@intersessional/document-schema';
import { openEditor, paragraph } from './support/editors';
import { Given, type TestUser } from './support/given';
import { openRaw, updateFrame } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitFor, waitForAsync } from './support/wait';

/** What a hostile client sends: blockquotes nested `levels` deep, as one v1 update (what y-websocket sends). */
function deepChain(levels: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('default');
    for (let i = 0; i < levels; i += 1) {
      const element = new Y.XmlElement('blockquote');
      parent.insert(0, [element]);
      parent = element;
    }
    parent.insert(0, [new Y.XmlText('the bottom of the well')]);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** Lists eight levels deep inside a table cell inside a blockquote: the deepest an editor plausibly goes. */
function nestedListsInATable(): PmNode {
  let list: PmNode = { type: 'paragraph', content: [{ type: 'text', text: 'the innermost item' }] };
  for (let i = 0; i < 8; i += 1) {
    list = { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `level ${i}` }] }, list] }] };
  }
  const cell = (content: PmNode[]): PmNode => ({ type: 'tableCell', content });
  const table: PmNode = { type: 'table', content: [{ type: 'tableRow', content: [cell([list]), cell([{ type: 'paragraph', content: [] }])] }] };
  return { type: 'doc', content: [{ type: 'blockquote', content: [table] }] };
}

describe('nesting depth over /collab', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };

  beforeAll(async () => {
    t = await startTestApp();
    given = new Given(t);
    ws = await given.workstream('BPF');
  });
  afterAll(() => t.close());

  const createDocument = async () =>
    (
      await ws.facilitator.client.ok<{ createDocument: { id: string } }>(`mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`, {
        input: { workstreamId: ws.id, title: 'Nesting', kind: 'OTHER', visibility: 'PUBLIC', markdown: 'A first paragraph.' },
      })
    ).createDocument.id;
  const exported = (documentId: string, format = 'text') => fetch(`${t.url}/documents/${documentId}/export?format=${format}`);
  /** Bytes stored for the document: its update log and its snapshot, if compaction made one. */
  const storedBytes = async (documentId: string) =>
    Number(
      (
        await t.dataSource.query(
          `SELECT (SELECT coalesce(sum(length("update")), 0) FROM document_updates WHERE document_id = $1)
                + (SELECT coalesce(sum(length(state)), 0) FROM document_snapshots WHERE document_id = $1) AS n`,
          [documentId],
        )
      )[0].n,
    );

  it('closes a client that sends content 2,000 levels deep with 4413, storing and broadcasting nothing of it', async () => {
    const documentId = await createDocument();
    const watcher = await openEditor(t.url, ws.facilitator, documentId);
    try {
      const chain = deepChain(2000);
      const hostile = await openRaw(t.url, documentId, ws.facilitator);
      hostile.socket.send(updateFrame(chain));
      expect(await hostile.closed).toEqual({ code: 4413, reason: 'document nested too deeply' });

      // a later edit is stored and reaches everyone: whatever the refused update did would be in place by now
      watcher.doc.getXmlFragment('default').insert(0, [paragraph('After the refusal.')]);
      await waitForAsync(async () => (await (await exported(documentId)).text()).includes('After the refusal.'), 'the marker edit to be stored');
      expect(await storedBytes(documentId)).toBeLessThan(chain.byteLength);
      expect(watcher.text()).not.toContain('blockquote');

      // the stored document still loads, deletes and exports
      const late = await openEditor(t.url, ws.facilitator, documentId);
      try {
        expect(late.text()).toBe(watcher.text());
        late.doc.getXmlFragment('default').delete(0, late.doc.getXmlFragment('default').length);
        late.doc.getXmlFragment('default').insert(0, [paragraph('Cleared.')]);
        await waitFor(() => watcher.text() === late.text(), 'the clearing edit to reach the other editor');
      } finally {
        late.close();
      }
      for (const format of ['markdown', 'html', 'text']) {
        const response = await exported(documentId, format);
        expect({ format, status: response.status }).toEqual({ format, status: 200 });
        const body = await response.text();
        expect(body).toContain('Cleared.');
        expect(body).not.toContain('the bottom of the well');
      }
    } finally {
      watcher.close();
    }
  });

  it('syncs and stores ordinary nesting: lists in lists in a table cell', async () => {
    const documentId = await createDocument();
    const author = await openEditor(t.url, ws.facilitator, documentId);
    const reader = await openEditor(t.url, ws.facilitator, documentId);
    try {
      appendJson(author.doc, nestedListsInATable());
      await waitFor(() => reader.text() === author.text(), 'the nested lists to reach the other editor');
      expect(author.provider.wsconnected).toBe(true);
      await waitForAsync(async () => (await (await exported(documentId, 'markdown')).text()).includes('the innermost item'), 'the nested lists to be stored');
    } finally {
      author.close();
      reader.close();
    }
  });
});
