import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
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
  /** Every statement of the process, background timers included: see `statementsOf` for one request. */
  queries: CountingQueryLogger;
  /**
   * Runs one GraphQL operation and counts the SQL statements its request ran, and only those: the
   * period scheduler, the mail outbox, collaboration re-checks and compaction run on timers meanwhile.
   */
  statementsOf<T>(client: GraphQLClient, query: string, variables?: Record<string, unknown>): Promise<{ data: T; statements: number }>;
  redisKeyPrefix: string;
  close(): Promise<void>;
  /** Shuts this instance down gracefully and boots a new one on the same port, database and secret. */
  restart(): Promise<TestApp>;
}

/**
 * Boots the real API on a fresh database (PostgreSQL when DATABASE_URL is set, else in-memory
 * PGlite), with Redis when REDIS_URL is set, listening on a loopback port. `peerOf` starts a second
 * instance of the same deployment: same database, Redis prefix and secret (close it before its peer).
 */
export async function startTestApp(env: Record<string, string> = {}, options: { peerOf?: TestApp } = {}): Promise<TestApp> {
  const peer = options.peerOf;
  const db = peer?.db ?? (await createTestDatabase());
  return boot(env, db, { jwtSecret: peer?.config.JWT_SECRET, recordSigningKey: peer?.config.RECORD_SIGNING_KEY, redisKeyPrefix: peer?.redisKeyPrefix, port: 0, ownsDatabase: !peer });
}

interface Deployment {
  jwtSecret?: string;
  /** One deployment, one key: its instances sign the record's heads alike (PEM). */
  recordSigningKey?: string;
  redisKeyPrefix?: string;
  port: number;
  ownsDatabase: boolean;
}

async function boot(env: Record<string, string>, db: TestDatabase, deployment: Deployment): Promise<TestApp> {
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: deployment.jwtSecret ?? randomBytes(32).toString('hex'),
      RECORD_SIGNING_KEY: deployment.recordSigningKey ?? generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
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
  const redisKeyPrefix = deployment.redisKeyPrefix ?? `test:${randomBytes(6).toString('hex')}:`;
  const app = await createApp({
    config,
    databaseUrl: db.url,
    logger: createLogger(config.LOG_LEVEL),
    queryLogger: queries,
    redisKeyPrefix,
  });
  countRequestsApart(app.getHttpServer() as Server, queries);
  await app.listen(deployment.port, '127.0.0.1');
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
    async statementsOf<T>(client: GraphQLClient, query: string, variables: Record<string, unknown> = {}) {
      const requestId = randomUUID();
      const result = await client.request<T>(query, variables, { 'x-request-id': requestId });
      if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? 'no data')}`);
      return { data: result.data, statements: queries.countOf(requestId) };
    },
    async close() {
      await app.close();
      if (deployment.ownsDatabase) await db.drop();
    },
    async restart() {
      await app.close(); // graceful, as on SIGTERM
      return boot(env, db, { ...deployment, jwtSecret: config.JWT_SECRET, recordSigningKey: config.RECORD_SIGNING_KEY, redisKeyPrefix, port: Number(new URL(url).port) });
    },
  };
}

/** Handles each request that names its id (`x-request-id`) inside its own statement tally. */
function countRequestsApart(server: Server, queries: CountingQueryLogger): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const id = req.headers['x-request-id'];
    const handle = () => handlers.forEach((handler) => handler.call(server, req, res));
    if (typeof id === 'string') queries.within(id, handle);
    else handle();
  });
}
