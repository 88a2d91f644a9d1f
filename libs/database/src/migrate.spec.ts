import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openAndMigrate } from './migrate';

class SlowMigration1700000000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE TABLE slow_table (id int)');
    await db.query('SELECT pg_sleep(0.3)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE slow_table');
  }
}

const serverUrl = process.env.DATABASE_URL;
// Needs a real PostgreSQL server (several sessions); the embedded database is one process by design.
const describeOnServer = serverUrl ? describe : describe.skip;

describeOnServer('migrations on a shared PostgreSQL', () => {
  const name = `intersessional_migrate_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl ?? '');
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('lets several instances start at once: one migrates, the others wait and find nothing to do', async () => {
    const options = { type: 'postgres' as const, url, migrations: [SlowMigration1700000000000], extra: { max: 3 } };
    const sources = await Promise.all([openAndMigrate(options, false), openAndMigrate(options, false), openAndMigrate(options, false)]);
    const [applied] = await sources[0].query('SELECT count(*)::int AS n FROM migrations');
    expect(applied.n).toBe(1);
    await Promise.all(sources.map((s) => s.destroy()));
  });
});
