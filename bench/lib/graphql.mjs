// A small GraphQL-over-HTTP client for preparing benchmark data through the public API.

export class GraphQLClient {
  constructor(endpoint) {
    this.endpoint = endpoint;
    this.accessToken = null;
  }

  async request(query, variables = {}) {
    const headers = { 'content-type': 'application/json' };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    const response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json().catch(() => null);
    if (!body || body.errors?.length) {
      throw new Error(`GraphQL ${response.status}: ${JSON.stringify(body?.errors ?? body)}`.slice(0, 1000));
    }
    return body.data;
  }

  /** Signs in once; the access token is reused for every later request (sign-in is rate limited). */
  async signIn(email, password) {
    const data = await this.request(
      'mutation SignIn($input: SignInInput!) { signIn(input: $input) { accessToken } }',
      { input: { email, password } },
    );
    this.accessToken = data.signIn.accessToken;
    return this.accessToken;
  }
}
