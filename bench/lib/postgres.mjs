// Throw-away PostgreSQL databases for a benchmark run. BENCH_DATABASE_URL names the PostgreSQL server
// (any database on it the bench may connect to, e.g. postgres://postgres@127.0.0.1:5432/postgres);
// each server process under test gets a fresh database on it, dropped at the end of the run.
// Without BENCH_DATABASE_URL the local server at 127.0.0.1:5432 is used if it answers; set
// BENCH_DATABASE_URL=embedded to measure on the embedded PGlite database instead.
import pg from 'pg';
import { onCleanup } from './processes.mjs';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where the PostgreSQL server is, or null to use the embedded database. */
export async function postgresTarget() {
  const configured = process.env.BENCH_DATABASE_URL;
  if (configured === 'embedded' || configured === 'pglite') return null;
  const url = configured || DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      "select version() as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit",
    );
    return { url, ...rows[0], explicit: Boolean(configured) };
  } catch (error) {
    if (configured) throw new Error(`BENCH_DATABASE_URL is set but not reachable: ${error.message}`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/** Creates an empty database on the target server; returns its URL. Dropped by cleanupAll(). */
export async function createThrowawayDatabase(target, label) {
  const name = `bench_${label}_${process.pid}_${++counter}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  onCleanup(() => dropDatabase(target, name));
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropDatabase(target, name) {
  const admin = new pg.Client({ connectionString: target.url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** One statement on a connection of its own (the bench's own reads of a server's database). */
export async function queryOnce(url, text, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}
