// Module hooks that let Node run this repository's TypeScript sources directly, with no build:
// `@intersessional/<lib>[/<entry>]` resolves to libs/<lib>/src[/<entry>]/index.ts (tsconfig.base.json's
// paths), extension-less relative imports find their `.ts` file, and `.ts` is compiled to an ES module
// by SWC, which is already here for the build and Jest (@swc/core). Why not another loader: Node 20
// cannot strip types itself (that came in Node 22.6), and tsx / @swc-node/register are not
// dependencies; these ~40 lines over @swc/core are all the offline verifier needs.
import { transformSync } from '@swc/core';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolvePath(dirname(fileURLToPath(import.meta.url)), '..');
const ALIAS = /^@intersessional\/([\w-]+)(?:\/([\w-]+))?$/;

export async function resolve(specifier, context, next) {
  const alias = ALIAS.exec(specifier);
  if (alias) return { url: pathToFileURL(join(root, 'libs', alias[1], 'src', alias[2] ?? '', 'index.ts')).href, shortCircuit: true };
  if (/^\.\.?\//.test(specifier) && context.parentURL?.endsWith('.ts') && !/\.[cm]?[jt]s$/.test(specifier)) {
    const base = fileURLToPath(new URL(specifier, context.parentURL));
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
      if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
