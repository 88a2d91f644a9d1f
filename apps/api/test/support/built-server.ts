import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type TestDatabase, createTestDatabase } from '@intersessional/testing';

/** npm test runs from the repository root, as crash.e2e-spec.ts relies on too. */
const ROOT = process.cwd();

/**
 * Builds the server as `npm run build` does, into a folder of its own (specs run in parallel, and
 * another one may be running the server from dist/ meanwhile). Returns the folder and its clean-up.
 */
export function buildServer(): { dir: string; remove(): void } {
  const dir = join(ROOT, '.spec-builds', randomBytes(6).toString('hex'));
  execFileSync(process.execPath, ['scripts/build.mjs', dir], { cwd: ROOT, stdio: 'ignore' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A build of the server and a fresh database for the specs of the enclosing `describe`: made before
 * they run, removed after. Read `dir` and `db` inside the specs (they exist once the build is done).
 */
export function builtServerAndDatabase(): { readonly dir: string; readonly db: TestDatabase } {
  let build: ReturnType<typeof buildServer> | undefined;
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    build = buildServer();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    build?.remove();
    await db?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the built server is read before its beforeAll ran');
    return value;
  };
  return {
    get dir() {
      return ready(build).dir;
    },
    get db() {
      return ready(db);
    },
  };
}

export interface RunningServer {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** The exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Runs `node <dir>/apps/api/src/main.js` with exactly `env` (plus PATH), output captured. */
export function runServer(dir: string, env: Record<string, string>): RunningServer {
  const child = spawn(process.execPath, [join(dir, 'apps/api/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A loopback port nothing listens on (taken and released). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
