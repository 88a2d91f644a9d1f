import { Database } from '@intersessional/database';
import { itOnPostgres } from './support/backends';
import { type TestApp, startTestApp } from './support/test-app';

/** Database.prepared: how the statements every edit waits for reach the database (issue 13). */
describe('prepared statements on the hot path', () => {
  let t: TestApp;
  let db: Database;
  const INSERT = 'INSERT INTO prepared_probe (n) VALUES ($1)';
  const count = async (): Promise<number> => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM prepared_probe`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Database);
    await t.dataSource.query('CREATE TABLE prepared_probe (n int NOT NULL CHECK (n > 0))');
  });
  afterAll(() => t.close());

  it('runs one named statement again and again, and still after a run of it failed', async () => {
    await db.prepared('probe.insert', INSERT, [1]);
    await db.prepared('probe.insert', INSERT, [2]);
    await expect(db.prepared('probe.insert', INSERT, [-1])).rejects.toThrow(/check constraint/);
    // pg-pool drops a connection whose query failed; its successor prepares the statement anew
    await db.prepared('probe.insert', INSERT, [3]);
    await db.prepared('probe.insert', INSERT, [4]);
    expect(await count()).toBe(4);
  });

  // the embedded database has one connection: a statement of its own would wait for the transaction
  itOnPostgres('runs on a connection of its own: what it wrote stays when the caller’s transaction rolls back', async () => {
    const before = await count();
    await expect(
      db.transaction(async () => {
        await db.manager.query(INSERT, [10]);
        await db.prepared('probe.insert', INSERT, [11]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const rows: { n: number }[] = await t.dataSource.query('SELECT n FROM prepared_probe WHERE n >= 10');
    expect(rows).toEqual([{ n: 11 }]);
    expect(await count()).toBe(before + 1);
  });
});
