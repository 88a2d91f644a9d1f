/**
 * Tests that need what only the PostgreSQL run has. The embedded database serves one connection at a
 * time in one process, so several connections (another instance, a held-back commit) need PostgreSQL;
 * several API instances need a shared Redis as well. `npm test` without DATABASE_URL/REDIS_URL skips them.
 */
export const itOnPostgres = process.env.DATABASE_URL ? it : it.skip;
export const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;
export const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;
