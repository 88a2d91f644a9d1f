import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '@intersessional/config';
import { CountingQueryLogger } from '@intersessional/database';
import { GraphQLClient, type TestDatabase, createTestDatabase } from '@intersessional/testing';
import { createApp } from '../../src/create-app';
import { createLogger } from '../../src/logging';

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  db: TestDatabase;
  dataSource: DataSource;
  /** Anonymous client; `.as(token)` for a signed-in one. */
  client: GraphQLClient;
  queries: CountingQueryLogger;
  redisKeyPrefix: string;
  close(): Promise<void>;
}

/**
 * Boots the real API on a fresh database (PostgreSQL when DATABASE_URL is set, else in-memory
 * PGlite), with Redis when REDIS_URL is set, listening on a loopback port. `peerOf` starts a second
 * instance of the same deployment: same database, Redis prefix and secret (close it before its peer).
 */
export async function startTestApp(env: Record<string, string> = {}, options: { peerOf?: TestApp } = {}): Promise<TestApp> {
  const peer = options.peerOf;
  const db = peer?.db ?? (await createTestDatabase());
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: peer?.config.JWT_SECRET ?? randomBytes(32).toString('hex'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'intersessional-test-')),
      DATABASE_URL: db.url,
      REDIS_URL: process.env.REDIS_URL ?? '',
      TRUST_PROXY: 'true',
      PORT: '0',
      ...env,
    }),
    embeddedDatabase: db.embedded,
  };
  const queries = new CountingQueryLogger();
  const redisKeyPrefix = peer?.redisKeyPrefix ?? `test:${randomBytes(6).toString('hex')}:`;
  const app = await createApp({
    config,
    databaseUrl: db.url,
    logger: createLogger(config.LOG_LEVEL),
    queryLogger: queries,
    redisKeyPrefix,
  });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    config,
    db,
    dataSource: app.get(DataSource),
    client: new GraphQLClient(url),
    queries,
    redisKeyPrefix,
    async close() {
      await app.close();
      if (!peer) await db.drop();
    },
  };
}
