import { DataSource, type DataSourceOptions } from 'typeorm';

/** Arbitrary, fixed key for the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_316_202_611;

/**
 * Opens the data source and applies pending migrations. When several API instances start at once
 * against one PostgreSQL, a session-level advisory lock lets exactly one migrate while the others wait,
 * then find nothing left to do. The embedded database has one process and one connection, so it
 * migrates without the lock (holding it would take the only connection).
 */
export async function openAndMigrate(options: DataSourceOptions, singleConnection: boolean): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (singleConnection) {
    await dataSource.runMigrations({ transaction: 'each' });
    return dataSource;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
