// Benchmark runner: `node --expose-gc bench/run.mjs [suite …]` (npm run bench builds first).
// A suite is a folder bench/<name>/ with an index.mjs exporting `title` and `run({ log })`, which
// resolves to { markdown, text, data }. Each suite's markdown replaces its own section of
// docs/benchmarks.md (between <!-- bench:<name>:start --> and <!-- bench:<name>:end -->); its tables
// are printed, and its raw figures and printed output are kept in bench/results/<name>.json and .txt.
// Without arguments every suite runs.
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cleanupAll, installExitHandlers } from './lib/processes.mjs';
import { writeSection } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const REPORT = join(root, 'docs', 'benchmarks.md');
const RESULTS = join(here, 'results');
const NOT_SUITES = new Set(['lib', 'results', 'node_modules']);

async function availableSuites() {
  const entries = await readdir(here, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !NOT_SUITES.has(e.name) && existsSync(join(here, e.name, 'index.mjs')))
    .map((e) => e.name)
    .sort();
}

async function main() {
  installExitHandlers();
  const available = await availableSuites();
  const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = requested.filter((s) => !available.includes(s));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  if (!existsSync(join(root, 'dist', 'apps', 'api', 'src', 'main.js'))) {
    console.error('dist/apps/api/src/main.js is missing: run `npm run build` first (npm run bench does)');
    process.exitCode = 2;
    return;
  }
  const suites = requested.length ? requested : available;
  await mkdir(RESULTS, { recursive: true });
  let failed = false;
  for (const name of suites) {
    const started = performance.now();
    const suite = await import(pathToFileURL(join(here, name, 'index.mjs')).href);
    console.log(`\n=== ${name}: ${suite.title ?? ''}`);
    const lines = [];
    const log = (line) => {
      lines.push(line);
      console.log(line);
    };
    try {
      const { markdown, text, data } = await suite.run({ log });
      await cleanupAll();
      console.log(`\n${text}`);
      await writeSection(REPORT, name, markdown);
      await writeFile(join(RESULTS, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
      await writeFile(join(RESULTS, `${name}.txt`), `${lines.join('\n')}\n\n${text}\n`);
      console.log(`\n${name}: wrote docs/benchmarks.md (section ${name}), bench/results/${name}.json and .txt in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } catch (error) {
      failed = true;
      console.error(`\n${name} failed: ${error?.stack ?? error}`);
    } finally {
      await cleanupAll();
    }
  }
  if (failed) process.exitCode = 1;
}

try {
  await main();
} finally {
  await cleanupAll();
}
