import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { GraphQLClient, type TestDatabase, createTestDatabase } from '@intersessional/testing';
import { PASSWORD, freshIp } from './support/given';

/**
 * The persistence guarantee under a crash: several clients edit, the server process is killed with
 * SIGKILL at a random moment and restarted. Every edit that any *other* client had received must be in
 * the restored document (it was broadcast, so it was stored first), and the clients converge again.
 */

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const waitFor = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('crash safety', () => {
  let db: TestDatabase;
  let port: number;
  let server: ChildProcess | null = null;
  const env = () => ({
    ...process.env,
    NODE_ENV: 'development',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'crash-test-secret-crash-test-secret-0123456789',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: db.embedded ? '1' : '5',
    REDIS_URL: '',
    TRUST_PROXY: 'true',
    PORT: String(port),
  });

  const start = async () => {
    server = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env: env(), stdio: 'ignore' });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, 'server start');
  };

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
    db = await createTestDatabase();
    port = await freePort();
    await start();
  });

  afterAll(async () => {
    server?.kill('SIGKILL');
    await db.drop();
  });

  it('keeps every edit another client received, across SIGKILL at random moments, and clients converge', async () => {
    const api = new GraphQLClient(`http://127.0.0.1:${port}`);
    const register = async (name: string) => {
      const result = await api.request<{ register: { accessToken: string } }>(
        `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
        { input: { email: `${name}-${Date.now()}@example.org`, password: PASSWORD, displayName: name } },
        { 'x-forwarded-for': freshIp() },
      );
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return api.as(result.data.register.accessToken);
    };
    const alice = await register('alice');
    const bob = await register('bob');
    const dc = await alice.ok<{ proposeDynamicCoalition: { id: string } }>(
      `mutation { proposeDynamicCoalition(input: { name: "Crash test ${Date.now()}", statementOfPurpose: "Test" }) { id } }`,
    );
    await bob.ok(`mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { id } }`, { id: dc.proposeDynamicCoalition.id });
    const doc = await alice.ok<{ createDocument: { id: string } }>(
      `mutation($ws: ID!) { createDocument(input: { workstreamId: $ws, title: "Crash", kind: OTHER }) { id } }`,
      { ws: dc.proposeDynamicCoalition.id },
    );
    const documentId = doc.createDocument.id;

    const clients = await Promise.all(
      [alice, bob].map(async (user, index) => {
        const { collaborationToken } = await user.ok<{ collaborationToken: { token: string } }>(
          `mutation($id: ID!) { collaborationToken(documentId: $id) { token } }`,
          { id: documentId },
        );
        const ydoc = new Y.Doc();
        const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, documentId, ydoc, {
          params: { token: collaborationToken.token },
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          maxBackoffTime: 200,
        });
        await waitFor(() => provider.synced, 'sync');
        return { name: index === 0 ? 'a' : 'b', ydoc, provider, list: ydoc.getArray<string>('crash') };
      }),
    );

    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let counter = 0;
    for (let round = 0; round < 3; round += 1) {
      // edit from both sides until a random moment, then kill the server without warning
      const killAt = Date.now() + 150 + random() * 450;
      while (Date.now() < killAt) {
        for (const client of clients) client.list.push([`${client.name}${(counter += 1)}`]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      server?.kill('SIGKILL');
      await new Promise((resolve) => server?.once('exit', resolve));
      // what each client had received from the other one at the moment of the crash
      const received = clients.flatMap((client) => client.list.toArray().filter((token) => !token.startsWith(client.name)));

      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      // what is stored: the snapshot (a load that replayed a long log has the compactor fold it at once)
      // and the rows not folded yet
      const snapshot = (await pg.query(`SELECT state FROM document_snapshots WHERE document_id = $1`, [documentId])).rows as { state: Buffer }[];
      const rows = (await pg.query(`SELECT update FROM document_updates WHERE document_id = $1 ORDER BY id`, [documentId])).rows as { update: Buffer }[];
      await pg.end();
      const restored = new Y.Doc();
      if (snapshot[0]) Y.applyUpdate(restored, new Uint8Array(snapshot[0].state));
      rows.forEach((row) => Y.applyUpdate(restored, new Uint8Array(row.update)));
      const stored = new Set(restored.getArray<string>('crash').toArray());
      expect(received.filter((token) => !stored.has(token))).toEqual([]);
      expect(received.length).toBeGreaterThan(0);

      await start();
      await waitFor(
        () => clients.every((c) => c.provider.synced) && clients[0]?.list.length === clients[1]?.list.length && clients[0]?.list.length === counter,
        'clients reconnect and converge',
      );
    }
    clients.forEach((c) => c.provider.destroy());
  }, 120_000);
});
