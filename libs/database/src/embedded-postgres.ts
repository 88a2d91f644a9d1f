import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary `pg` driver connects to. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) behind a loopback socket so the normal TypeORM
 * `postgres` driver and the very same migrations run against it. PGlite is one session: the socket
 * server multiplexes connections query by query, so transactions from two connections would interleave.
 * Callers must therefore use a pool of exactly one connection (see `databaseOptions`).
 *
 * @param dataDir folder that keeps the data across restarts; omit for an in-memory database (tests).
 * @param from an in-memory database starts as a copy of this data directory (`freshDataDirectory`),
 *   skipping PostgreSQL's initdb: about 1 s to start instead of 3–5 s.
 */
export async function startEmbeddedPostgres(dataDir?: string, from?: Blob): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : from ? { loadDataDir: from } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const address = server.getServerConn();
  let stopped = false;
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

/** The data directory of a just-initialised embedded database, as a tarball to start copies from. */
export async function freshDataDirectory(): Promise<Blob> {
  const db = await PGlite.create();
  try {
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}
