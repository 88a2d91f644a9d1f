import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { GraphQLClient } from '@intersessional/testing';
import { type RunningServer, builtServerAndDatabase, freePort, runServer } from './support/built-server';
import { PASSWORD, freshIp } from './support/given';
import { type Proxy, startHaproxy } from './support/haproxy';
import { startPausableProxy } from './support/pausable-proxy';
import { MESSAGE_SYNC, type RawClient, openRaw, syncStep1Frame } from './support/raw-collab';
import { waitFor, waitForAsync } from './support/wait';
import { describeWithRedis } from './support/backends';

const METRICS_TOKEN = 'metrics-token-of-the-proxy-spec-0123456789';
const INSTANCES = 3;
/** A Redis database of its own, so nothing of other specs' instances crosses into these. */
const REDIS_DB = 11;

interface Editor {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  list: Y.Array<string>;
}


describeWithRedis('three API instances behind HAProxy, sharing PostgreSQL and Redis', () => {
  const built = builtServerAndDatabase();
  const redisTarget = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let redis: Awaited<ReturnType<typeof startPausableProxy>>;
  let proxy: Proxy;
  const ports: number[] = [];
  const servers: (RunningServer | null)[] = [];
  let api: GraphQLClient;
  let documentId: string;
  const tokens: string[] = [];
  const editors: Editor[] = [];
  let counter = 0;

  const envOf = (port: number): Record<string, string> => ({
    NODE_ENV: 'development',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'proxy-spec-')),
    JWT_SECRET: 'proxy-spec-secret-proxy-spec-secret-0123456789',
    DATABASE_URL: built.db.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: `redis://127.0.0.1:${redis.port}/${REDIS_DB}`,
    TRUST_PROXY: 'true',
    METRICS_TOKEN,
    COLLAB_MAX_SOCKETS_PER_ACCOUNT: '5000',
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '10000',
  });
  const start = async (i: number) => {
    servers[i] = runServer(built.dir, envOf(ports[i]));
    await waitForAsync(async () => (await fetch(`http://127.0.0.1:${ports[i]}/health`).catch(() => null))?.ok === true, `instance ${i + 1} to start`, 60_000);
  };
  const connectionsOn = async (i: number): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${ports[i]}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(/^intersessional_collab_connections (\d+)/m.exec(text)?.[1] ?? NaN);
  };

  beforeAll(async () => {
    redis = await startPausableProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
    for (let i = 0; i < INSTANCES; i += 1) ports.push(await freePort());
    await start(0); // the first one migrates; the others find the schema ready
    await Promise.all([1, 2].map(start));
    proxy = await startHaproxy(await freePort(), ports.map((port) => `127.0.0.1:${port}`));
    api = new GraphQLClient(proxy.url);

    const register = async (name: string) => {
      const { register: made } = await api.ok<{ register: { accessToken: string } }>(
        `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
        { input: { email: `${name}-${Date.now()}@example.org`, password: PASSWORD, displayName: name } },
        { 'x-forwarded-for': freshIp() },
      );
      return api.as(made.accessToken);
    };
    const alice = await register('alice');
    const bob = await register('bob');
    const dc = await alice.ok<{ proposeDynamicCoalition: { id: string } }>(
      `mutation { proposeDynamicCoalition(input: { name: "Proxy test ${Date.now()}", statementOfPurpose: "Test" }) { id } }`,
    );
    await bob.ok(`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id: dc.proposeDynamicCoalition.id });
    documentId = (
      await alice.ok<{ createDocument: { id: string } }>(`mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Plenary", kind: OTHER }) { id } }`, {
        ws: dc.proposeDynamicCoalition.id,
      })
    ).createDocument.id;
    for (const user of [alice, bob]) {
      const { collaborationToken } = await user.ok<{ collaborationToken: { token: string } }>(`mutation($id: ID!) { collaborationToken(documentId: $id) { token } }`, {
        id: documentId,
      });
      tokens.push(collaborationToken.token);
    }
  }, 180_000);

  afterAll(async () => {
    editors.forEach((editor) => editor.provider.destroy());
    await proxy?.stop();
    for (const server of servers) server?.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server?.exited));
    await redis?.close();
  });

  /** A stock y-websocket client through the proxy, reconnecting quickly as a browser tab would. */
  const openEditor = async (name: string, token: string): Promise<Editor> => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${proxy.url.replace('http', 'ws')}/collab`, documentId, doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 250,
    });
    await waitFor(() => provider.synced, `${name} to sync`);
    const editor = { name, doc, provider, list: doc.getArray<string>('log') };
    editors.push(editor);
    return editor;
  };
  const type = (rounds: number) => {
    for (let round = 0; round < rounds; round += 1) for (const editor of editors) editor.list.push([`${editor.name}:${(counter += 1)}`]);
  };
  const converged = () => editors.every((e) => e.provider.synced && e.list.length === counter) && new Set(editors.map((e) => e.list.toArray().join())).size === 1;

  it('spreads editors over the instances, and they converge', async () => {
    for (let i = 0; i < 6; i += 1) await openEditor(`e${i}`, tokens[i % 2]);
    const held = await Promise.all(ports.map((_, i) => connectionsOn(i)));
    expect(held.reduce((a, b) => a + b, 0)).toBe(6);
    expect(held.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    type(5);
    await waitFor(converged, 'the six editors to converge');
  });

  it('an instance killed with SIGKILL: its editors reconnect through the proxy to the others, and nothing any editor had received is lost', async () => {
    const held = await Promise.all(ports.map((_, i) => connectionsOn(i)));
    const victim = held.indexOf(Math.max(...held));
    expect(held[victim]).toBeGreaterThan(0);
    // everyone types until the moment the instance dies without warning
    const typing = setInterval(() => type(1), 5);
    await new Promise((resolve) => setTimeout(resolve, 400));
    servers[victim]?.child.kill('SIGKILL');
    await servers[victim]?.exited;
    clearInterval(typing);
    const received = editors.flatMap((editor) => editor.list.toArray().filter((item) => !item.startsWith(`${editor.name}:`)));
    expect(received.length).toBeGreaterThan(0);

    type(2);
    await waitFor(converged, 'every editor back through the proxy and converged', 30_000);
    const pg = new Client({ connectionString: built.db.url });
    await pg.connect();
    try {
      const rows = (await pg.query(`SELECT update FROM document_updates WHERE document_id = $1 ORDER BY id`, [documentId])).rows as { update: Buffer }[];
      const snapshot = (await pg.query(`SELECT state FROM document_snapshots WHERE document_id = $1`, [documentId])).rows as { state: Buffer }[];
      const stored = new Y.Doc();
      snapshot.forEach((row) => Y.applyUpdate(stored, new Uint8Array(row.state)));
      rows.forEach((row) => Y.applyUpdate(stored, new Uint8Array(row.update)));
      const kept = new Set(stored.getArray<string>('log').toArray());
      expect(received.filter((item) => !kept.has(item))).toEqual([]);
    } finally {
      await pg.end();
    }
    const after = await Promise.all(ports.map((_, i) => (i === victim ? Promise.resolve(0) : connectionsOn(i))));
    expect(after.reduce((a, b) => a + b, 0)).toBe(editors.length);
    await start(victim); // back to three for what follows
  }, 120_000);

  it('Redis dark for 3 s: edits made meanwhile on different instances are stored, and every instance catches up without divergence', async () => {
    redis.cut();
    const dark = setInterval(() => type(1), 50);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    clearInterval(dark);
    redis.restore();
    type(1);
    await waitFor(converged, 'every editor to hold every edit once Redis is back', 30_000);
    // a fresh editor, wherever the proxy sends it, loads the same from storage
    const late = await openEditor('late', tokens[0]);
    await waitFor(() => late.list.length === counter, 'the late editor to hold everything');
    expect(late.list.toArray()).toEqual(editors[0].list.toArray());
  }, 60_000);

  it('1,000 sockets connecting at once, twice (as after a network blip), are all served their document', async () => {
    const storm = async () => {
      const clients: RawClient[] = await Promise.all(Array.from({ length: 1000 }, (_, i) => openRaw(proxy.url, documentId, { token: tokens[i % 2] }, { keep: false })));
      try {
        clients.forEach((client) => client.socket.send(syncStep1Frame()));
        await waitFor(() => clients.every((client) => client.count(MESSAGE_SYNC, 1) > 0 || client.closedWith() !== null), 'every socket to get the document', 60_000);
        expect(clients.filter((client) => client.closedWith() !== null).map((client) => client.closedWith())).toEqual([]);
      } finally {
        clients.forEach((client) => client.socket.terminate());
      }
    };
    await storm();
    await storm();
    // and the instances let go of them: only the editors stay
    const total = async () => (await Promise.all(ports.map((_, i) => connectionsOn(i)))).reduce((a, b) => a + b, 0);
    await waitForAsync(async () => (await total()) === editors.length, 'the storm sockets to be released');
  }, 120_000);
});
