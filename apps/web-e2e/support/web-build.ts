import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../api/test/support/wait';

/** npm test runs from the repository root. */
const root = process.cwd();
const INPUTS = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'libs/document-schema/src', 'libs/record/src', 'package-lock.json'];

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
  else yield path;
}

/** A hash of everything the web build reads: an unchanged app is built once for every spec and run. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) for (const file of files(join(root, input))) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The production build of the web app (Vite), in `.spec-builds/web-<hash>`: built by the first spec
 * that needs it (a lock directory keeps two Jest workers from building at once), reused after.
 */
export async function builtWebApp(): Promise<string> {
  const dir = join(root, '.spec-builds', `web-${inputsHash()}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const lock = `${dir}.lock`;
  mkdirSync(join(root, '.spec-builds'), { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    await waitFor(() => existsSync(join(dir, 'index.html')) || !existsSync(lock), 'the web build of another worker', 170_000);
    if (existsSync(join(dir, 'index.html'))) return dir;
    return builtWebApp();
  }
  try {
    const result = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '-c', 'apps/web/vite.config.mts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      encoding: 'utf8',
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
    }
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
