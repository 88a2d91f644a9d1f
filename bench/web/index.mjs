// The web app on a slow link: the built product (`npm start`: the API serving the production web build,
// with the demo data) opened in Debian's Chromium through DevTools throttling (slow 4G: 1.6 Mbps down,
// 750 kbps up, 150 ms round trip; CPU 4× slower), a fresh browser profile (cold cache) each run. Pages:
// the demo consultation's public comment page, the home page, the workstream directory; the peer is the
// floor: the same draft as a plain static HTML page with a comment form, served gzipped by a bare Node
// server and loaded the same way. `node bench/run.mjs web` runs this suite alone (after `npm run build`).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createThrowawayDatabase, postgresTarget } from '../lib/postgres.mjs';
import { freePort, onCleanup, startChild, waitForHttp } from '../lib/processes.mjs';
import { serveStaticPage } from '../lib/static-page.mjs';
import { describeMachine, describeSource, fmt, machineInfo, ratio, sourceInfo, table } from '../lib/report.mjs';
import { median } from '../lib/stats.mjs';
import { breakdown, initialChunks } from './breakdown.mjs';

export const title = 'The web app on slow 4G: first paint, time until usable, JavaScript sent';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** BENCH_WEB_DIST: another web build to serve instead of dist/apps/web. */
const WEB_DIST = process.env.BENCH_WEB_DIST ?? join(root, 'dist', 'apps', 'web');
/**
 * BENCH_WEB_COMPARE: a second web build (e.g. an older commit's `vite build --outDir /tmp/before`),
 * served by a second API process and measured in the same rounds, for a before/after in one run.
 */
const COMPARE = process.env.BENCH_WEB_COMPARE;
const COMPARE_LABEL = process.env.BENCH_WEB_COMPARE_LABEL ?? 'compared build';
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? (QUICK ? 3 : 5));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// the flags of apps/web-e2e/support/browser.ts
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const READY = '[data-bench="comment-ready"]';

/**
 * Runs before any page script (DevTools injects it, so the page's CSP does not apply): records, on the
 * page's own clock, when the page's heading appears and when the comment page marks itself ready.
 */
const PROBE = `(() => {
  const bench = (window.__bench = { h1: null, ready: null });
  const mark = () => {
    if (bench.h1 === null && document.querySelector('main h1')) bench.h1 = performance.now();
    if (bench.ready === null && document.querySelector('${READY}')) bench.ready = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-bench'] });
})();`;

async function gql(base, query, variables = {}) {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

async function startProduct(log, webDist = WEB_DIST) {
  const target = await postgresTarget();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-web-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const db = target ? await createThrowawayDatabase(target, 'web') : null;
  const handle = startChild('Intersessional', process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: db?.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn', WEB_DIST: webDist, REDIS_URL: undefined },
  });
  onCleanup(() => handle.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, handle, 90_000);
  log(`  product up on ${base}${db ? ` (PostgreSQL ${db.name})` : ' (embedded PGlite)'}, serving ${webDist}`);
  return { base, db };
}

/** The demo consultation: the first BPF's first comment period, with its draft's paragraphs. */
async function demoConsultation(base) {
  const data = await gql(base, `{ workstreams(filter: { kind: BPF }, first: 20) { edges { node { commentPeriods(first: 5) { edges { node { id } } } } } } }`);
  const periodId = data.workstreams.edges.flatMap((e) => e.node.commentPeriods.edges.map((p) => p.node.id))[0];
  if (!periodId) throw new Error('the demo data has no BPF comment period');
  const { commentPeriod } = await gql(base, `query($id: ID!) { commentPeriod(id: $id) { id title instructions guidingQuestions paragraphs { number type text } } }`, { id: periodId });
  return commentPeriod;
}

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The floor: the same draft and a comment form as one static, gzipped HTML page (no script at all). */
function staticFloorHtml(period) {
  const body = period.paragraphs
    .map((p) => (p.type === 'heading' ? `<h2>${escape(p.text)}</h2>` : `<p id="p${p.number}"><a href="#p${p.number}">${p.number}</a> ${escape(p.text)}</p>`))
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(period.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;line-height:1.5}textarea{width:100%;min-height:6rem}</style></head>
<body><main id="main"><h1>${escape(period.title)}</h1><p>${escape(period.instructions)}</p>
<form method="post" action="#"><label for="c">Your comment</label><textarea id="c" name="body" data-bench="comment-ready"></textarea><button>Submit</button></form>
${body}</main></body></html>`;
}

/** One cold, throttled page load. */
async function load(browser, url, { locale = 'en-GB', comment = false, throttle = true }) {
  const context = await browser.newContext({ ...PHONE, locale, timezoneId: 'Europe/Zurich' });
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const types = new Map();
    const bytes = { Script: 0, Document: 0, Stylesheet: 0, Fetch: 0, Other: 0 };
    let scripts = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const type = types.get(e.requestId) ?? 'Other';
      const key = type in bytes ? type : type === 'XHR' ? 'Fetch' : 'Other';
      bytes[key] += e.encodedDataLength;
      if (type === 'Script') scripts += 1;
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const selector = comment ? READY : 'main h1';
    await page.waitForSelector(selector, { state: 'attached', timeout: 120_000 });
    let typed = null;
    if (comment) {
      // start a comment as a reader would, and check a text field takes typing
      await page.locator(READY).first().click();
      const field = page.locator('textarea:visible, [contenteditable="true"]:visible, input[type="text"]:visible').first();
      await field.waitFor({ timeout: 60_000 });
      await field.click();
      await page.keyboard.type('Comment');
      const value = await field.evaluate((el) => ('value' in el ? el.value : el.textContent));
      if (!value?.includes('Comment')) throw new Error(`the comment field did not take typing (it holds "${value}")`);
      typed = await page.evaluate(() => performance.now());
    }
    await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
    const result = await page.evaluate(({ comment }) => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const bench = window.__bench;
      // present in the DOM is not yet seen: a page is usable once it is also painted
      const marked = comment ? bench.ready : bench.h1;
      const usable = marked === null ? null : Math.max(marked, fcp ?? 0);
      const js = performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.endsWith('.js'));
      const initialJs = js.filter((r) => r.responseEnd <= usable).reduce((sum, r) => sum + r.encodedBodySize, 0);
      return { fcp, usable, h1: bench.h1, lang: document.documentElement.lang, initialJs, initialScripts: js.filter((r) => r.responseEnd <= usable).length };
    }, { comment });
    return { ...result, typed, bytes, scripts };
  } finally {
    await context.close();
  }
}

function summarise(runs, key) {
  const values = runs.map((r) => r[key]).filter(Number.isFinite);
  return { median: median(values), worst: Math.max(...values) };
}

export async function run({ log }) {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH`);
  const machine = machineInfo();
  const source = sourceInfo(root);
  // the bundle as built: what index.html makes every page fetch before any code runs
  const initial = initialChunks(WEB_DIST).map((file) => breakdown(file));
  const shellGzip = initial.reduce((sum, b) => sum + b.gzip, 0);
  const packages = new Map();
  for (const b of initial) for (const row of b.rows) packages.set(row.owner, (packages.get(row.owner) ?? 0) + row.gzip);
  const topPackages = [...packages].sort((a, b) => b[1] - a[1]).slice(0, 10);
  log(`  initial chunks (entry + modulepreload): ${initial.map((b) => b.file.split('/').pop()).join(', ')}, ${fmt(shellGzip / 1024, 1)} KB gzipped`);
  const commentPageBuilt = readdirSync(join(WEB_DIST, 'assets')).some((f) => f.endsWith('.js') && readFileSync(join(WEB_DIST, 'assets', f), 'utf8').includes('comment-ready'));

  const { base, db } = await startProduct(log);
  const period = await demoConsultation(base);
  log(`  demo consultation: "${period.title}" (${period.id}), ${period.paragraphs.length} paragraphs`);
  const floor = await serveStaticPage(staticFloorHtml(period), '/comment-periods/floor');

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  onCleanup(() => browser.close());
  const chromiumVersion = browser.version();
  const pages = [
    { key: 'comment', label: commentPageBuilt ? 'Comment page (demo consultation)' : 'Comment page (placeholder until the page lands)', url: `${base}/comment-periods/${period.id}`, comment: commentPageBuilt },
    { key: 'commentAr', label: 'Comment page, Arabic reader', url: `${base}/comment-periods/${period.id}`, comment: commentPageBuilt, locale: 'ar-EG' },
    { key: 'home', label: 'Home page', url: `${base}/`, comment: false },
    { key: 'directory', label: 'Workstream directory', url: `${base}/workstreams`, comment: false },
    { key: 'floor', label: 'Static HTML floor (same draft, a form)', url: floor.url, comment: true },
  ];
  if (!commentPageBuilt) log(`  the comment page does not mark ${READY} yet (not on this branch): its "usable" is when its heading renders`);

  if (COMPARE) {
    const other = await startProduct(log, COMPARE);
    const otherPeriod = await demoConsultation(other.base);
    pages.push(
      { key: 'compareComment', label: `Comment page, ${COMPARE_LABEL}`, url: `${other.base}/comment-periods/${otherPeriod.id}`, comment: false },
      { key: 'compareHome', label: `Home page, ${COMPARE_LABEL}`, url: `${other.base}/`, comment: false },
    );
  }

  // one unthrottled load of each page first, so the server's first-request work is not measured; then
  // rounds of one load of every page, so that a change in the machine's load touches all pages alike
  for (const p of pages) await load(browser, p.url, { ...p, throttle: false });
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const results = Object.fromEntries(pages.map((p) => [p.key, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const p of pages) {
      const r = await load(browser, p.url, p);
      results[p.key].push(r);
      log(`  ${p.label} run ${i + 1}/${RUNS}: FCP ${fmt(r.fcp)} ms, usable ${fmt(r.usable)} ms${r.typed ? ` (typed at ${fmt(r.typed)} ms)` : ''}, lang ${r.lang}, JS ${fmt(r.bytes.Script / 1024, 1)} KB in ${r.scripts} scripts (${fmt(r.initialJs / 1024, 1)} KB before usable), all ${fmt(Object.values(r.bytes).reduce((a, b) => a + b, 0) / 1024, 1)} KB`);
    }
  }
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  await browser.close();

  const stats = Object.fromEntries(
    pages.map((p) => {
      const runs = results[p.key];
      return [p.key, {
        fcp: summarise(runs, 'fcp'),
        usable: summarise(runs, 'usable'),
        js: median(runs.map((r) => r.bytes.Script)),
        initialJs: median(runs.map((r) => r.initialJs)),
        total: median(runs.map((r) => Object.values(r.bytes).reduce((a, b) => a + b, 0))),
        lang: runs[0].lang,
      }];
    }),
  );
  const kb = (n) => fmt(n / 1024, 1);
  const s = (x) => fmt(x / 1000, 2);
  const rows = pages.map((p) => {
    const st = stats[p.key];
    return [p.label, s(st.fcp.median), s(st.fcp.worst), s(st.usable.median), s(st.usable.worst), kb(st.initialJs), kb(st.js), kb(st.total)];
  });
  const headers = ['page (phone, cold cache, slow 4G, CPU 4×)', 'FCP s median', 'FCP s worst', 'usable s median', 'usable s worst', 'JS before usable KB', 'JS KB', 'all bytes KB'];
  const main = table(headers, rows);
  const floorRatio = table(
    ['comment page ÷ static floor', 'FCP', 'usable'],
    [
      ['median', ratio(stats.comment.fcp.median, stats.floor.fcp.median), ratio(stats.comment.usable.median, stats.floor.usable.median)],
      ['worst', ratio(stats.comment.fcp.worst, stats.floor.fcp.worst), ratio(stats.comment.usable.worst, stats.floor.usable.worst)],
    ],
  );
  const packageTable = table(['initial chunks, by package', 'KB gzipped'], topPackages.map(([owner, gz]) => [owner, kb(gz)]));
  const usableMeaning = commentPageBuilt
    ? `until the comment page marks its "comment" control ready (\`${READY}\`); each run then clicks it and types into the comment field, and fails if the text does not arrive`
    : `until the page's heading renders: the comment page (\`${READY}\`) is not on this build yet, so its row measures the placeholder page at /comment-periods/:id, which is the app shell plus one heading, like the home page`;

  const markdown = `## The web app on slow 4G

Measured by \`npm run bench\` (suite \`web\`; alone: \`npm run build && node bench/run.mjs web\`) on ${describeMachine(machine)}, building ${describeSource(source)}.
Chromium ${chromiumVersion} (Debian), headless, driven by playwright-core; the product as \`npm start\` runs it (the API serving the production web build with gzip, ${db ? 'PostgreSQL' : 'embedded PGlite'}, demo data).

**Method.** Each load is a fresh browser profile (cold cache) on a phone viewport (360×740, 2× pixels), throttled
through DevTools: \`Network.emulateNetworkConditions\` at 1.6 Mbps down, 750 kbps up, 150 ms round trip (slow 4G), and
\`Emulation.setCPUThrottlingRate\` 4×. ${RUNS} rounds, each loading every page once, after one unthrottled warm-up load of each; median and worst.
The machine is shared: its 1-minute load average was ${loadBefore} when the rounds started and ${loadAfter} when they ended, which makes the worst figures noisy.
*FCP* is the paint timing entry \`first-contentful-paint\`; *usable* is the time, on the page's clock from navigation start (and not before FCP),
${usableMeaning}. *JS* is the sum of the encoded (gzipped) sizes of the script responses (DevTools \`encodedDataLength\`,
headers included); *JS before usable* counts the scripts that had arrived when the page became usable (Resource Timing,
body bytes). The peer is the floor: the same draft (${period.paragraphs.length} paragraphs of the demo consultation) as one
static HTML page with a comment form and no script, gzipped (${kb(floor.bytes)} KB), from a bare Node server, loaded the same way.

${main}

${floorRatio}

Targets (issue 10): the comment page usable in under 4 s on this profile, its initial JavaScript under 150 KB gzipped.
What every page fetches before any code runs (the entry and the app chunk index.html preloads), ${kb(shellGzip)} KB gzipped
(level 9; the server's level 6 sends a little more), by package (source maps; \`node bench/web/breakdown.mjs\`):

${packageTable}
`;
  const text = `${main}\n\n${floorRatio}\n\n${packageTable}`;
  return { markdown, text, data: { machine, source, loadAverage: { before: loadBefore, after: loadAfter }, chromium: chromiumVersion, runs: RUNS, network: SLOW_4G, cpuSlowdown: CPU_SLOWDOWN, commentPageBuilt, period: { id: period.id, paragraphs: period.paragraphs.length }, shellGzip, packages: Object.fromEntries(packages), stats, results } };
}
