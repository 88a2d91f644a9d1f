import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(process.cwd(), 'libs/record/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node', 'testing', 'cli'].includes(entry.name) ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

// The web app verifies receipts in the browser and the offline verifier may be bundled: the main
// entry must not reach node: modules or Node globals. Node-only code lives in src/node/ and, for the
// offline verifier's command (it reads files), src/cli/.
describe('the browser-safe entry', () => {
  it.each(sources(SRC).map((file) => [relative(SRC, file), file]))('%s imports only @noble and its own files, and uses no Node global', (_, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const imports = [...code.matchAll(/\bfrom\s+'([^']+)'/g)].map((match) => match[1]);
    for (const specifier of imports) expect(specifier).toMatch(/^(\.\/[\w-]+|@noble\/(hashes|curves)\/[\w-]+\.js)$/);
    expect(code).not.toMatch(/\b(require|process|Buffer|__dirname)\b|import\(/);
  });
});
