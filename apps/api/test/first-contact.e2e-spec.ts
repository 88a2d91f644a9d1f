import { builtServerAndDatabase, freePort, runServer } from './support/built-server';
import { waitFor } from './support/wait';
import { type TestApp, startTestApp } from './support/test-app';

const html = (url: string) => fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });

describe('a newcomer opening /graphql in a browser', () => {
  it('gets the Apollo Sandbox in development', async () => {
    const t = await startTestApp({ NODE_ENV: 'development' });
    try {
      const response = await html(t.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('new window.EmbeddedSandbox(');
      // without text/html it is still the GraphQL endpoint, not a page
      const plain = await fetch(`${t.url}/graphql`);
      expect(plain.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    } finally {
      await t.close();
    }
  });

  it("gets Apollo's production page in production, which embeds no Sandbox", async () => {
    const t: TestApp = await startTestApp({ NODE_ENV: 'production' });
    try {
      const response = await html(t.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('Welcome to Apollo Server');
      expect(page).not.toContain('EmbeddedSandbox');
    } finally {
      await t.close();
    }
  });
});

describe('npm start', () => {
  const built = builtServerAndDatabase();

  const env = async (more: Record<string, string>) => ({
    DATA_DIR: `/tmp/intersessional-start-${process.pid}-${Date.now()}`,
    DATABASE_URL: built.db.url,
    DATABASE_POOL_SIZE: built.db.embedded ? '1' : '5',
    DEMO_DATA: 'true',
    PORT: String(await freePort()),
    ...more,
  });

  it('prints the banner (the web app address, GraphQL address, demo sign-in) first, then JSON log lines; a stop is logged as JSON', async () => {
    // at debug level start-up logs a lot (every module, every route): all of it comes after the banner
    const server = runServer(built.dir, await env({ LOG_LEVEL: 'debug' }));
    try {
      await waitFor(() => server.stdout().includes('"msg":"Intersessional API ready"'), 'the server to be ready', 60_000);
      const lines = server.stdout().split('\n').filter((line) => line.trim() !== '');
      expect(lines[0]).toBe('  Intersessional is running (development).');
      expect(lines[1]).toMatch(/^ {2}Open: {5}http:\/\/127\.0\.0\.1:\d+\/ {3}\(the web app\)$/);
      expect(lines[2]).toMatch(/^ {2}GraphQL: {2}http:\/\/127\.0\.0\.1:\d+\/graphql {3}\(open it in a browser for the Apollo Sandbox\)$/);
      expect(lines.find((line) => line.includes('Demo sign-in:'))).toBe(
        '  Demo sign-in: secretariat@demo.intersessional.org / igf-demo-passphrase-2026  (Secretariat, just created)',
      );
      const firstJson = lines.findIndex((line) => line.startsWith('{'));
      expect(firstJson).toBeGreaterThan(lines.findIndex((line) => line.includes('Demo sign-in:')));
      const logged = lines.slice(firstJson).map((line) => JSON.parse(line) as { msg: string; context?: string });
      expect(logged).toContainEqual(expect.objectContaining({ context: 'InstanceLoader', msg: 'AppModule dependencies initialized' }));
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('"msg":"stopped"');
  });

  it('writes readable single lines instead of JSON on a terminal (LOG_FORMAT=pretty, as when stdout is a TTY)', async () => {
    const server = runServer(built.dir, await env({ LOG_FORMAT: 'pretty', DEMO_DATA: 'false' }));
    try {
      await waitFor(() => server.stdout().includes('Intersessional API ready'), 'the server to be ready', 60_000);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    const lines = server.stdout().split('\n').filter((line) => line.trim() !== '');
    expect(lines[0]).toBe('  Intersessional is running (development).');
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}Intersessional API ready graphqlUrl=http:\/\/127\.0\.0\.1:\d+\/graphql/));
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}stopped$/));
  });
});
