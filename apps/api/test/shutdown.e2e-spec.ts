import type { Server } from 'node:http';
import { PASSWORD, freshIp } from './support/given';
import { startTestApp } from './support/test-app';

describe('graceful shutdown', () => {
  it('finishes a request in flight, then refuses connections and closes the database', async () => {
    const t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    // Registration hashes the password with Argon2id (tens of milliseconds): long enough to be in flight.
    const inFlight = t.client.request(
      `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`,
      { input: { email: 'late@example.org', password: PASSWORD, displayName: 'Late' } },
      { 'x-forwarded-for': freshIp() },
    );
    await arrived; // the server has the request: shutdown must now let it finish
    const closing = t.app.close();
    const result = await inFlight;
    await closing;
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ register: { user: { id: expect.any(String) } } });
    await expect(fetch(`${t.url}/health`)).rejects.toThrow();
    expect(t.dataSource.isInitialized).toBe(false);
    await t.db.drop();
  });
});
