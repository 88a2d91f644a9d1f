import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (PGlite behind a socket)', () => {
  it('serves the ordinary pg driver and keeps data in its folder across restarts', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'intersessional-pglite-')), 'pglite');
    const first = await startEmbeddedPostgres(dir);
    await withClient(first.url, async (client) => {
      await client.query('CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text)');
      await client.query(`INSERT INTO notes (body) VALUES ('kept')`);
    });
    await first.stop();

    const second = await startEmbeddedPostgres(dir);
    const rows = await withClient(second.url, (client) => client.query('SELECT body FROM notes'));
    await second.stop();
    expect(rows.rows).toEqual([{ body: 'kept' }]);
  });

  it('rolls back a failed transaction', async () => {
    const db = await startEmbeddedPostgres();
    try {
      await withClient(db.url, async (client) => {
        await client.query('CREATE TABLE t (n int)');
        await client.query('BEGIN');
        await client.query('INSERT INTO t VALUES (1)');
        await client.query('ROLLBACK');
        expect((await client.query('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(0);
      });
    } finally {
      await db.stop();
    }
  });
});
