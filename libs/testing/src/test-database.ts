import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freshDataDirectory, startEmbeddedPostgres } from '@intersessional/database';

export interface TestDatabase {
  url: string;
  /** True for the embedded PGlite (one connection: the app must use a pool of one). */
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * The data directory of a just-initialised embedded database, as a tarball cached on disk for one
 * PGlite build: shared by every test file (Jest gives each its own module registry, so a cache in
 * memory would serve one file), every worker and later runs. initdb takes 3–5 s; a copy starts in 1 s.
 */
async function freshDataDir(): Promise<Blob> {
  const dist = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('@electric-sql/pglite'));
  const { size, mtimeMs } = statSync(join(dist, 'pglite.wasm'));
  const path = join(tmpdir(), `intersessional-pglite-${size}-${Math.round(mtimeMs)}.tar`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await (await freshDataDirectory()).arrayBuffer()));
    renameSync(partial, path); // atomic: a worker racing this one reads a whole file or makes its own
  }
  return new Blob([readFileSync(path)]);
}

/**
 * A fresh, empty database for one test file. With DATABASE_URL (CI: real PostgreSQL) a new database
 * is created on that server and dropped afterwards; without it an in-memory PGlite is started, as on
 * a fresh machine. Either way the app runs its real migrations on it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(undefined, await freshDataDir());
    return { url: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const name = `intersessional_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
