import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@intersessional/database';

export interface TestDatabase {
  url: string;
  /** True for the embedded PGlite (one connection: the app must use a pool of one). */
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file. With DATABASE_URL (CI: real PostgreSQL) a new database
 * is created on that server and dropped afterwards; without it an in-memory PGlite is started, as on
 * a fresh machine. Either way the app runs its real migrations on it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
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
