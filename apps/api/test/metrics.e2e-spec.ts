import * as Y from 'yjs';
import { Given, type TestUser } from './support/given';
import { openRaw, updateFrame } from './support/raw-collab';
import { type TestApp, startTestApp } from './support/test-app';
import { waitForAsync } from './support/wait';

const TOKEN = 'metrics-token-for-the-scraper-0123456789';

/** The value of one sample line (`name{labels} value`) of a Prometheus text exposition, or null. */
const sample = (text: string, line: string): number | null => {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : null;
};

describe('GET /metrics for Prometheus', () => {
  let t: TestApp;
  let given: Given;
  let ws: { id: string; facilitator: TestUser };

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    given = new Given(t);
    ws = await given.workstream('BPF');
  });
  afterAll(() => t.close());

  const scrape = (authorization?: string) => fetch(`${t.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it('is refused without the token or with a wrong one, and never public', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.replace('0', '1')}`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
  });

  it("counts GraphQL requests by operation, the sync server's stored updates, commits and sockets, and Node's event-loop lag", async () => {
    await ws.facilitator.client.ok(`query WorkstreamTitle($id: ID!) { workstream(id: $id) { name } }`, { id: ws.id });
    const documentId = await given.document(ws, { markdown: 'Opening.' });
    const writer = await openRaw(t.url, documentId, ws.facilitator);
    try {
      const doc = new Y.Doc();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Counted.')]);
      doc.getXmlFragment('default').push([paragraph]);
      writer.socket.send(updateFrame(Y.encodeStateAsUpdate(doc)));
      const stored = async () => sample(await (await scrape(`Bearer ${TOKEN}`)).text(), 'intersessional_collab_updates_stored_total');
      await waitForAsync(async () => (await stored()) === 1, 'the edit to be counted');
      const response = await scrape(`Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(sample(text, 'intersessional_graphql_request_seconds_count{operation="WorkstreamTitle",outcome="ok"}')).toBe(1);
      expect(sample(text, 'intersessional_collab_updates_stored_total')).toBe(1);
      expect(sample(text, 'intersessional_collab_connections')).toBe(1);
      expect(sample(text, 'intersessional_collab_open_documents')).toBe(1);
      expect(sample(text, 'intersessional_collab_commit_batch_updates_count')).toBe(1);
      expect(sample(text, 'intersessional_collab_commit_seconds_count')).toBe(1);
      expect(sample(text, 'intersessional_nodejs_eventloop_lag_seconds')).toEqual(expect.any(Number));
    } finally {
      writer.socket.close();
    }
  });

  it('answers 404 where no token is configured', async () => {
    const other = await startTestApp();
    try {
      expect((await fetch(`${other.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
