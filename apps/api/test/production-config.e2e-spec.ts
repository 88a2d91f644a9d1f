import { randomBytes } from 'node:crypto';
import { loadConfig } from '@intersessional/config';
import { RedisUnavailableError } from '@intersessional/redis';
import { createApp } from '../src/create-app';
import { createLogger } from '../src/logging';
import { builtServerAndDatabase, freePort, runServer } from './support/built-server';
import { subscribe, subscriptionClient, waitFor } from './support/subscriptions';
import { type TestApp, startTestApp } from './support/test-app';

const INTROSPECTION = `{ __schema { queryType { name } } }`;
const TYPE = `{ __type(name: "User") { fields { name } } }`;

describe('production refuses what is unsafe', () => {
  describe('GraphQL introspection', () => {
    let production: TestApp;
    beforeAll(async () => {
      production = await startTestApp({ NODE_ENV: 'production' });
    });
    afterAll(() => production.close());

    it('is off in production: __schema and __type are refused with a clear message', async () => {
      for (const query of [INTROSPECTION, TYPE]) {
        const result = await production.client.request(query);
        expect(result.data).toBeNull();
        expect(result.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
        expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
      // nor are field names suggested, over HTTP or over the subscription socket
      const misspelt = await production.client.request(`{ workstreamz(first: 1) { totalCount } }`);
      expect(misspelt.errors?.[0]?.message).toBe('Cannot query field "workstreamz" on type "Query".');
      const socket = subscriptionClient(production.url);
      try {
        const sub = subscribe(socket.client, `subscription { notificationAddd { id } }`);
        await waitFor(() => sub.error !== undefined, 'the subscription to be refused');
        expect(sub.error).toEqual([expect.objectContaining({ message: 'Cannot query field "notificationAddd" on type "Subscription".' })]);
      } finally {
        await socket.dispose();
      }
      // ordinary queries work
      expect((await production.client.request(`{ workstreams(first: 1) { totalCount } }`)).errors).toBeUndefined();
    });

    it('is on in production when GRAPHQL_INTROSPECTION=true, and on in development', async () => {
      const settings: Record<string, string>[] = [{ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }, { NODE_ENV: 'development' }];
      for (const env of settings) {
        const t = await startTestApp(env);
        try {
          expect(await t.client.request(INTROSPECTION)).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
        } finally {
          await t.close();
        }
      }
    });
  });

  describe('REDIS_URL where nothing answers', () => {
    it('makes createApp reject with one line naming REDIS_URL, the address and the reason', async () => {
      const port = await freePort();
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp', JWT_SECRET: randomBytes(32).toString('hex'), DATABASE_URL: 'postgres://127.0.0.1:1/never-used', REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
      const started = createApp({ config, databaseUrl: config.DATABASE_URL ?? '', logger: createLogger('silent') });
      await expect(started).rejects.toThrow(RedisUnavailableError);
      await expect(started).rejects.toThrow(`REDIS_URL redis://127.0.0.1:${port} did not answer: ECONNREFUSED`);
    });
  });

  describe('the server process', () => {
    const built = builtServerAndDatabase();

    it('stops at once with one line on stderr and exit code 69 when REDIS_URL does not answer', async () => {
      const port = await freePort();
      const server = runServer(built.dir, { DATA_DIR: '/tmp', DATABASE_URL: built.db.url, PORT: '0', REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(await server.exited).toBe(69);
      expect(server.stderr()).toBe(`REDIS_URL redis://127.0.0.1:${port} did not answer: ECONNREFUSED\n`);
      expect(server.stdout()).not.toMatch(/at .*ioredis/);
    });

    it('refuses demo data and a guessable JWT_SECRET in production, listing both, with exit code 78', async () => {
      const server = runServer(built.dir, { NODE_ENV: 'production', DATABASE_URL: built.db.url, DEMO_DATA: 'true', JWT_SECRET: 'a'.repeat(36), PORT: '0' });
      expect(await server.exited).toBe(78);
      expect(server.stderr()).toContain('  - JWT_SECRET is too predictable');
      expect(server.stderr()).toContain('  - DEMO_DATA must not be true in production');
    });
  });
});
