// The three sync servers under test, each started as its own child process on loopback:
// - Intersessional: the API (dist/apps/api/src/main.js, from a snapshot of dist/ taken at the start of
//   the run), write-ahead storage in PostgreSQL or PGlite;
// - y-websocket server: @y/websocket-server's own bin (src/server.js), in memory (YPERSISTENCE unset);
// - Hocuspocus: @hocuspocus/server with no extensions, in memory.
// All three run as `node --expose-gc --require bench/lib/memory-probe.cjs <script>`, so the bench can
// ask each for a full GC and its heap figures the same way.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLClient } from '../lib/graphql.mjs';
import { createThrowawayDatabase, queryOnce } from '../lib/postgres.mjs';
import { freePort, nodeArgsWithProbe, onCleanup, startChild, waitForHttp } from '../lib/processes.mjs';
import { Framing } from '../lib/ysync-client.mjs';
import { serverEnv } from '../lib/api-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

const DEMO_EMAIL = 'amina@demo.intersessional.org';
const DEMO_PASSWORD = 'igf-demo-passphrase-2026';

let distSnapshot = null;

/**
 * Copies dist/ (built by `npm run build` just before) to bench/.dist-snapshot/<pid>/ and runs the API
 * from there, so a rebuild by someone else during the run cannot change the server between phases.
 * Inside the repository, so node_modules resolve as from dist/; removed at the end of the run.
 */
export function snapshotDist() {
  distSnapshot ??= (async () => {
    const target = join(root, 'bench', '.dist-snapshot', String(process.pid));
    onCleanup(async () => {
      await rm(target, { recursive: true, force: true });
      await rmdir(dirname(target)).catch(() => undefined); // if no other run uses it
    });
    await cp(join(root, 'dist'), target, { recursive: true, filter: (source) => !source.endsWith('.map') });
    return target;
  })();
  return distSnapshot;
}

/** Documents are created through GraphQL in batches of this many aliased mutations. */
const CREATE_BATCH = 25;

/**
 * @typedef {object} Instance
 * @property {number} pid
 * @property {string} framing
 * @property {(count: number) => Promise<Array<{ name: string, url: string, token: string }>>} newDocuments
 * @property {() => Promise<unknown>} stop
 */

const intersessional = {
  key: 'intersessional',
  label: 'Intersessional',
  persists: true,
  framing: Framing.YWEBSOCKET,
  /** @returns {Promise<Instance>} */
  /** `storage`, when given, is kept between starts: the same database and data folder (cold open). */
  async start({ database, env = {}, purpose, storage = null }) {
    const port = await freePort();
    const dataDir = storage?.dataDir ?? (await mkdtemp(join(tmpdir(), 'bench-collab-')));
    if (!storage?.dataDir) onCleanup(() => rm(dataDir, { recursive: true, force: true }));
    const db = storage?.db !== undefined ? storage.db : database ? await createThrowawayDatabase(database, `collab_${purpose}`) : null;
    if (storage) Object.assign(storage, { dataDir, db });
    const dist = await snapshotDist();
    // Started in development mode once on a fresh database (the demo Secretariat and workstream the
    // bench signs in with), then measured as deployed: in production mode on the same database. The
    // embedded database is development-only, so without PostgreSQL it stays in development mode.
    const launch = (production) =>
      startChild('Intersessional', process.execPath, nodeArgsWithProbe(join(dist, 'apps/api/src/main.js')), {
        cwd: root,
        env: {
          ...serverEnv({ port, dataDir, db, production }),
          // every bench client is the one demo account: the per-account cap is not what is measured
          COLLAB_MAX_SOCKETS_PER_ACCOUNT: '1000000',
          ...env,
        },
      });
    if (db && !storage?.seeded) {
      const seeding = launch(false);
      await waitForHttp(`http://127.0.0.1:${port}/health`, seeding, 60_000);
      await seeding.stop(15_000);
      if (storage) storage.seeded = true;
    }
    const handle = launch(Boolean(db));
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health`, handle, 60_000);
    const gql = new GraphQLClient(`${base}/graphql`);
    await gql.signIn(DEMO_EMAIL, DEMO_PASSWORD);
    const { workstreams } = await gql.request('{ workstreams(first: 100) { edges { node { id name kind } } } }');
    const bpf = workstreams.edges.map((e) => e.node).find((n) => n.kind === 'BPF');
    if (!bpf) throw new Error('no demo Best Practice Forum found');
    let created = 0;
    return {
      pid: handle.pid,
      handle,
      memory: () => handle.memory(),
      usesPostgres: Boolean(db),
      framing: this.framing,
      async newDocuments(count) {
        const documents = [];
        while (documents.length < count) {
          const n = Math.min(CREATE_BATCH, count - documents.length);
          const creates = Array.from({ length: n }, (_, i) =>
            `d${i}: createDocument(input: { workstreamId: ${JSON.stringify(bpf.id)}, title: "Bench draft ${++created}", kind: DRAFT_OUTPUT }) { id }`,
          );
          const made = await gql.request(`mutation { ${creates.join(' ')} }`);
          const ids = Object.values(made).map((d) => d.id);
          const tokens = await gql.request(`mutation { ${ids.map((id, i) => `t${i}: collaborationToken(documentId: ${JSON.stringify(id)}) { token mode }`).join(' ')} }`);
          ids.forEach((id, i) => {
            const { token, mode } = tokens[`t${i}`];
            if (mode !== 'READ_WRITE') throw new Error(`collaboration token for ${id} is ${mode}`);
            documents.push({ name: id, token, url: `ws://127.0.0.1:${port}/collab/${id}?token=${encodeURIComponent(token)}` });
          });
        }
        return documents;
      },
      /** The same document on this (restarted) instance. */
      reopen: (document) => ({ ...document, url: `ws://127.0.0.1:${port}/collab/${document.name}?token=${encodeURIComponent(document.token)}` }),
      /** Rows in the document's update log (PostgreSQL only; null on the embedded database). */
      async logRows(documentId) {
        if (!db) return null;
        const rows = await queryOnce(db.url, `SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1`, [documentId]);
        return rows[0].n;
      },
      /** Resolves once the document's log is folded into its snapshot (at most 200 rows left). */
      async compacted(documentId) {
        if (!db) return;
        const deadline = Date.now() + 120_000;
        while ((await this.logRows(documentId)) > 200) {
          if (Date.now() > deadline) throw new Error(`the log of ${documentId} was not compacted in 120 s`);
          await sleep(200);
        }
      },
      stop: () => handle.stop(15_000),
    };
  },
};

const yWebsocket = {
  key: 'y-websocket',
  label: 'y-websocket server',
  /** with YPERSISTENCE (y-leveldb), used for the cold open only */
  persists: true,
  framing: Framing.YWEBSOCKET,
  /** In memory; with `storage` (cold open), persisted to LevelDB (y-leveldb, YPERSISTENCE) in a folder kept between starts. */
  async start({ storage = null } = {}) {
    const port = await freePort();
    const bin = join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
    if (storage && !storage.dir) {
      const dir = await mkdtemp(join(tmpdir(), 'bench-yleveldb-'));
      onCleanup(() => rm(dir, { recursive: true, force: true }));
      storage.dir = dir;
    }
    const handle = startChild('y-websocket server', process.execPath, nodeArgsWithProbe(bin), {
      cwd: root,
      env: { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: storage?.dir, CALLBACK_URL: undefined, GC: undefined },
    });
    await waitForHttp(`http://127.0.0.1:${port}/`, handle);
    return {
      pid: handle.pid,
      handle,
      memory: () => handle.memory(),
      framing: this.framing,
      async newDocuments(count) {
        return Array.from({ length: count }, () => {
          const name = randomUUID();
          return { name, token: '', url: `ws://127.0.0.1:${port}/${name}` };
        });
      },
      reopen: (document) => ({ ...document, url: `ws://127.0.0.1:${port}/${document.name}` }),
      /** Resolves once its LevelDB folder has stopped growing for 2 s (y-leveldb writes after relaying). */
      async storageSettled() {
        if (!storage?.dir) return;
        let size = -1;
        let stableSince = Date.now();
        const deadline = Date.now() + 300_000;
        while (Date.now() - stableSince < 2000 && Date.now() < deadline) {
          await sleep(250);
          const now = folderBytes(storage.dir);
          if (now !== size) [size, stableSince] = [now, Date.now()];
        }
      },
      stop: () => handle.stop(),
    };
  },
};

const hocuspocus = {
  key: 'hocuspocus',
  label: 'Hocuspocus',
  framing: Framing.HOCUSPOCUS,
  async start() {
    const port = await freePort();
    const handle = startChild('Hocuspocus', process.execPath, nodeArgsWithProbe(join(root, 'bench/collab/servers/hocuspocus.mjs')), {
      cwd: root,
      env: { PORT: String(port) },
    });
    await waitForHttp(`http://127.0.0.1:${port}/`, handle);
    return {
      pid: handle.pid,
      handle,
      memory: () => handle.memory(),
      framing: this.framing,
      async newDocuments(count) {
        return Array.from({ length: count }, () => {
          const name = randomUUID();
          return { name, token: 'bench', url: `ws://127.0.0.1:${port}/` };
        });
      },
      stop: () => handle.stop(),
    };
  },
};

export const SUBJECTS = [intersessional, yWebsocket, hocuspocus];

/** The installed version of a package (read from disk: not every package exports package.json). */
export function packageVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Bytes in a folder's files (not recursive: LevelDB keeps its files in one folder). */
function folderBytes(dir) {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}
