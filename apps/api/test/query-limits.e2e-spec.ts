import { Given } from './support/given';
import { type TestApp, startTestApp } from './support/test-app';

/**
 * The complexity limit charges a paged list at the page it will really serve: leaving `first` out
 * costs the default page size (20), not nothing.
 */
describe('query limits: lists charged at their real page size', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ GRAPHQL_MAX_COMPLEXITY: '1500' });
    const given = new Given(t);
    await given.workstream('BPF');
  }, 180_000);
  afterAll(() => t.close());

  // 20 workstreams × 20 members × their fields: about 1,660 at the default page size
  const NESTED_DEFAULTS = `{ workstreams { edges { node { members { edges { node { id role } } } } } } }`;
  const NESTED_EXPLICIT = `{ workstreams(first: 20) { edges { node { members(first: 20) { edges { node { id role } } } } } } }`;

  it('refuses a query that is too complex only when the default page sizes are charged', async () => {
    const omitted = await t.client.request(NESTED_DEFAULTS);
    expect(omitted.status).toBe(400);
    expect(omitted.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 1500 });
    const explicit = await t.client.request(NESTED_EXPLICIT);
    expect(explicit.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: omitted.errors?.[0]?.extensions?.complexity });
  });

  it('charges `last` like `first`, and still serves small pages', async () => {
    const backward = await t.client.request(`{ workstreams(last: 20) { edges { node { members(last: 20) { edges { node { id role } } } } } } }`);
    expect(backward.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const small = await t.client.ok<{ workstreams: { edges: unknown[] } }>(`{ workstreams(first: 5) { edges { node { members { edges { node { id role } } } } } } }`);
    expect(small.workstreams.edges.length).toBe(1);
  });
});
