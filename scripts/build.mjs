// Compiles the server (apps/ and libs/, not apps/web) to dist/ with SWC (decorator metadata on, path aliases rewritten to
// relative requires), so `node dist/apps/api/src/main.js` runs without a TypeScript loader.
// Type-checking is `npm run typecheck` (tsc); SWC only strips types, which keeps start-up fast.
import { transformFile } from '@swc/core';
import { existsSync } from 'node:fs';
import { readFile, readdir, mkdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// an output folder other than dist/ may be given (specs that run the build use their own, so they
// never delete files a concurrent spec is running from)
const out = process.argv[2] ? resolve(root, process.argv[2]) : join(root, 'dist');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

await rm(out, { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs']) {
  for (const project of await readdir(join(root, top))) {
    // the web app is bundled by Vite (`vite build -c apps/web/vite.config.mts`), not compiled file by file
    if (top === 'apps' && project === 'web') continue;
    const src = join(root, top, project, 'src');
    // browser specs (apps/web-e2e) have no sources to ship
    if (!existsSync(src)) continue;
    for await (const file of sources(src)) {
      const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, {
        ...swcrc,
        swcrc: false,
        filename: file,
        sourceFileName: relative(dirname(target), file),
        jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
      });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (map) await writeFile(`${target}.map`, map);
      count += 1;
    }
  }
}
console.log(`built ${count} files into ${relative(root, out)}/`);
