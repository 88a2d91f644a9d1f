import { type TestApp, startTestApp } from './support/test-app';

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; field?: string; requestId?: string } }[] };
}

/**
 * What reaches /graphql before any resolver runs — a GET without a query, a batch, a body that is
 * not JSON, variables of the wrong type — is answered with a stable code and a 400, never as an
 * internal error.
 */
describe('GraphQL over HTTP: malformed requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t.close());

  const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> => {
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const firstCode = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

  it('answers a GET without a query (as a script or curl sends it) with BAD_REQUEST and HTTP 400', async () => {
    // without and with the header that passes Apollo's CSRF check: refused for either reason, same code
    const variants: Record<string, string>[] = [{ accept: 'application/json' }, { accept: 'application/json', 'apollo-require-preflight': 'true' }];
    for (const headers of variants) {
      const response = await fetch(`${t.url}/graphql`, { headers });
      const body = (await response.json()) as Answer['body'];
      expect({ headers, status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ headers, status: 400, code: 'BAD_REQUEST' });
    }
  });

  it('runs a query sent by GET', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a batched request (a JSON array) with BAD_REQUEST and HTTP 400', async () => {
    const answer = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(answer.status).toBe(400);
    expect(firstCode(answer)).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON, or JSON that is not an operation, with BAD_REQUEST and HTTP 400', async () => {
    for (const body of ['{"query": "{ __typename }"', 'not json at all', '"just a string"', '42', 'null', '{"query": 42}', '{"query": "{ __typename }", "variables": "x"}']) {
      const answer = await post(body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect({ body, code: firstCode(answer) }).toEqual({ body, code: 'BAD_REQUEST' });
    }
  });

  it('refuses a body over the 1 MiB limit with PAYLOAD_TOO_LARGE and HTTP 413', async () => {
    const answer = await post(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(answer.status).toBe(413);
    expect(firstCode(answer)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers variables of the wrong type with BAD_USER_INPUT and HTTP 400', async () => {
    const query = `query($first: Int, $id: ID!) { workstreams(first: $first) { totalCount } document(id: $id) { id } }`;
    for (const variables of [{ first: 'ten', id: 'x' }, { first: 1, id: { nested: true } }, { first: 1.5, id: 'x' }, { first: 1, id: null }, { first: 2 ** 40, id: 'x' }]) {
      const answer = await post(JSON.stringify({ query, variables }));
      expect({ variables, status: answer.status, code: firstCode(answer) }).toEqual({ variables, status: 400, code: 'BAD_USER_INPUT' });
    }
  });

  it('answers hostile ids and formats on the export routes with a 4xx, never a 500', async () => {
    const ids = ['not-a-uuid', '%00', 'a%00b', '%ED%A0%80', '00000000-0000-0000-0000-000000000000', 'x'.repeat(2000)];
    const paths = ids.flatMap((id) => [`/documents/${id}/export?format=markdown`, `/comment-periods/${id}/comments?format=csv`, `/comment-periods/${id}/responses?format=markdown`, `/comment-periods/${id}/record`]);
    paths.push('/documents/00000000-0000-4000-8000-000000000000/export?format=%00', '/comment-periods/00000000-0000-4000-8000-000000000000/comments?format=x%00');
    for (const path of paths) {
      const response = await fetch(`${t.url}${path}`);
      expect({ path, clientError: response.status >= 400 && response.status < 500 }).toEqual({ path, clientError: true });
    }
  });

  it('answers a query that does not parse with GRAPHQL_PARSE_FAILED and HTTP 400', async () => {
    const answer = await post(JSON.stringify({ query: '{ workstreams( }' }));
    expect(answer.status).toBe(400);
    expect(firstCode(answer)).toBe('GRAPHQL_PARSE_FAILED');
  });
});
