import { readFileSync, writeFileSync } from 'node:fs';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ACCESS_RULE } from '@intersessional/access';
import { Given, type TestUser } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

// @nestjs/graphql's metadata keys (graphql.constants.js, not exported by the package).
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const RESOLVE_PROPERTY = 'graphql:resolve_property';
const ROUTE_PATH = 'path';

const SCHEMA_FILE = `${process.cwd()}/apps/api/schema.gql`;

describe('GraphQL conventions', () => {
  let t: TestApp;
  let given: Given;
  let root: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COMPLEXITY: '1500' });
    given = new Given(t);
    root = await given.secretariat();
  });
  afterAll(() => t.close());

  describe('default deny', () => {
    it('every query, mutation, field resolver and HTTP route declares an access rule', () => {
      const discovery = new DiscoveryService(t.app.get(ModulesContainer));
      const scanner = new MetadataScanner();
      const handlers: { name: string; rootType?: string; rootField?: string; ruled: boolean; fieldRule?: string }[] = [];
      const controllers = new Set(discovery.getControllers());
      for (const wrapper of [...discovery.getProviders(), ...controllers]) {
        const instance = wrapper.instance as Record<string, unknown> | undefined;
        if (!instance || typeof instance !== 'object') continue;
        const prototype = Object.getPrototypeOf(instance) as object;
        const classRule = Reflect.getMetadata(ACCESS_RULE, prototype.constructor);
        for (const method of scanner.getAllMethodNames(prototype)) {
          const fn = (prototype as Record<string, unknown>)[method] as object;
          const rootType = Reflect.getMetadata(RESOLVER_TYPE, fn) as string | undefined;
          const isField = Reflect.getMetadata(RESOLVE_PROPERTY, fn) === true;
          const isRoute = Reflect.getMetadata(ROUTE_PATH, fn) !== undefined && controllers.has(wrapper);
          if (!rootType && !isField && !isRoute) continue;
          handlers.push({
            name: `${prototype.constructor.name}.${method}`,
            rootType: isField ? undefined : rootType,
            rootField: isField ? undefined : ((Reflect.getMetadata(RESOLVER_NAME, fn) as string | undefined) ?? method),
            ruled: Boolean(Reflect.getMetadata(ACCESS_RULE, fn) ?? classRule),
            fieldRule: isField ? ((Reflect.getMetadata(ACCESS_RULE, fn) ?? classRule) as { kind: string } | undefined)?.kind : undefined,
          });
        }
      }
      expect(handlers.filter((h) => !h.ruled).map((h) => h.name)).toEqual([]);
      expect(handlers.length).toBeGreaterThan(40);
      // guards run on root fields only (graphql.options.ts): a field resolver's policy is in its code,
      // so a rule other than @Public() on one would be a promise nothing keeps
      const fields = handlers.filter((h) => h.fieldRule !== undefined);
      expect(fields.length).toBeGreaterThan(20);
      expect(fields.filter((h) => h.fieldRule !== 'public').map((h) => h.name)).toEqual([]);

      // and every root field of the schema is one of the handlers seen above
      const schema = t.app.get(GraphQLSchemaHost).schema;
      const declared = new Set(handlers.filter((h) => h.rootType).map((h) => `${h.rootType}.${h.rootField}`));
      for (const type of [schema.getQueryType(), schema.getMutationType()]) {
        for (const field of Object.keys(type?.getFields() ?? {})) expect(declared).toContain(`${type?.name}.${field}`);
      }
    });

    it('refuses a resolver without a rule (checked through the guard itself)', async () => {
      // Signed-in calls to Secretariat-only operations are refused as FORBIDDEN, anonymous ones as UNAUTHENTICATED.
      const user = await given.user();
      expect((await user.client.fails(`{ auditLog { totalCount } }`)).extensions?.code).toBe('FORBIDDEN');
      expect((await t.client.fails(`{ auditLog { totalCount } }`)).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('keeps the committed, sorted schema.gql in step with the code (UPDATE_SCHEMA=1 rewrites it)', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  describe('query limits', () => {
    it('refuses a query deeper than the limit, naming the limit, before resolving anything', async () => {
      const deep = `{ workstreams(first: 1) { edges { node { members(first: 1) { edges { node { workstream { members(first: 1) { edges { node { user { id } } } } } } } } } } } }`;
      const result = await t.client.request(deep);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', maxDepth: 8 });
      expect(result.data).toBeNull();
    });

    it('refuses a query whose page sizes multiply past the complexity limit', async () => {
      const costly = `{ workstreams(first: 100) { edges { node { members(first: 100) { edges { node { id role } } } } } } }`;
      const error = await t.client.fails(costly);
      expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 1500 });
    });
  });

  describe('errors', () => {
    it('passes GraphQL validation errors through with their code', async () => {
      const error = await t.client.fails(`{ workstreams { nope } }`);
      expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('stamps every error with the request id', async () => {
      const result = await t.client.request(`{ workstream(slug: "missing") { id } }`, {}, { 'x-request-id': 'support-ticket-1234' });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', requestId: 'support-ticket-1234' });
    });
  });

  describe('DataLoaders', () => {
    const NESTED = `{ workstreams(first: 10, filter: { topic: "loader-test" }) { edges { node {
      id cycles { year } myMembership { role } filings { year } compliance { compliant }
      participation { totalMembers byRegion { category display } }
      members(first: 5) { totalCount edges { node { role user { displayName region } workstream { slug } } } }
    } } } }`;

    const countQueries = async (client = root.client) => {
      const { data, statements } = await t.statementsOf<{ workstreams: { edges: unknown[] } }>(client, NESTED);
      return { queries: statements, rows: data.workstreams.edges.length };
    };

    it('serves nested lists with a fixed number of queries, however many rows', async () => {
      const addWorkstreams = async (n: number) => {
        for (let i = 0; i < n; i += 1) {
          const bpf = await given.workstream('BPF', { joinPolicy: 'OPEN', topics: ['loader-test'] });
          for (let j = 0; j < 3; j += 1) await given.member(bpf.id, await given.user());
          const dc = await given.dynamicCoalition();
          await dc.coordinator.client.ok(`mutation($id: ID!) { updateWorkstream(input: { id: $id, topics: ["loader-test"] }) { id } }`, { id: dc.id });
          await dc.coordinator.client.ok(
            `mutation($id: ID!) { fileDcRecord(input: { workstreamId: $id, kind: ANNUAL_REPORT, year: 2025, title: "AR", url: "https://example.org/ar" }) { id } }`,
            { id: dc.id },
          );
          await given.member(dc.id, await given.user());
        }
      };
      await addWorkstreams(1);
      const small = await countQueries();
      await addWorkstreams(3);
      const large = await countQueries();
      expect(small.rows).toBe(2);
      expect(large.rows).toBe(8);
      expect(large.queries).toBe(small.queries);
      expect(large.queries).toBeLessThanOrEqual(20); // one per loader, whatever the row count
    });
  });

  describe('health', () => {
    it('reports liveness and readiness including the database', async () => {
      const ready = await fetch(`${t.url}/health`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'up' } });
      const live = await fetch(`${t.url}/health/live`);
      expect(await live.json()).toEqual({ status: 'ok' });
      expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
