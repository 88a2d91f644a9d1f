import { loggableUrl } from './logging';

describe('request log lines', () => {
  it('never carry GraphQL variables from a GET query string (they may hold a guest link secret)', () => {
    const secret = 'Zk3v9QeY2mWbq7Rr0sLx8TnA4cJd6HfGu1oPiKe5VwM';
    const url = `/graphql?query=${encodeURIComponent('query($token: String!) { guestComment(token: $token) { id } }')}&variables=${encodeURIComponent(JSON.stringify({ token: secret }))}`;
    const logged = loggableUrl(url);
    expect(logged).not.toContain(secret);
    expect(logged).toContain('/graphql?query=');
    expect(logged).toContain('variables=[removed]');
    expect(loggableUrl('/health')).toBe('/health');
  });
});
