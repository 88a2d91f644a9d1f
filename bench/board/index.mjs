// The answer board in the browser with 2,000 comments: the built product (`npm start`'s API serving the
// production web build) on PostgreSQL, a 60-page draft of real prose, 2,000 comments from 200 people,
// 30 % of them answered, all through the public API. A facilitator opens /comment-periods/<id>/answers in
// Debian's Chromium on a desktop window with the CPU slowed 4× (a modest laptop): how soon the first
// comment shows, how soon all 2,000 are placed, how much main-thread blocking that costs, how big the
// page gets (DOM nodes, JS heap), and how fast the keyboard moves from comment to comment. The peer is
// the floor every consultation platform starts from: the same 2,000 comments, grouped by paragraph, each
// with its answer form, as one static gzipped HTML page (what a non-virtualised board would render),
// loaded the same way. `node bench/run.mjs board` runs this suite alone (after `npm run build`).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { gql, inFlight } from '../lib/api.mjs';
import { createThrowawayDatabase, postgresTarget } from '../lib/postgres.mjs';
import { freePort, onCleanup, startChild, waitForHttp } from '../lib/processes.mjs';
import { Prng } from '../lib/prng.mjs';
import { buildRealDraft } from '../lib/real-draft.mjs';
import { serveStaticPage } from '../lib/static-page.mjs';
import { describeMachine, describeSource, fmt, machineInfo, ratio, sourceInfo, table } from '../lib/report.mjs';
import { median, percentile } from '../lib/stats.mjs';

export const title = 'The answer board with 2,000 comments in the browser: time to the first and the last comment, blocking, DOM, heap, keyboard';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB_DIST = process.env.BENCH_WEB_DIST ?? join(root, 'dist', 'apps', 'web');
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_BOARD_RUNS ?? (QUICK ? 2 : 3));
const COMMENTERS = 200;
const COMMENTS = QUICK ? 500 : 2000;
const ANSWERED = 0.3;
const KEY_PRESSES = QUICK ? 40 : 100;
const CPU_SLOWDOWN = 4;
const SEED = 20261201;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PASSWORD = 'igf-demo-passphrase-2026';
const SECRETARIAT = 'secretariat@demo.intersessional.org';

// ---------------------------------------------------------------- API

const SESSION = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id displayName email platformRole preferredLanguage }`;
const GROUPS = ['CIVIL_SOCIETY', 'GOVERNMENT', 'PRIVATE_SECTOR', 'ACADEMIA', 'TECHNICAL_COMMUNITY'];
const COUNTRIES = ['KE', 'BR', 'DE', 'IN', 'JP', 'EG', 'MX', 'FR', 'ID', 'ZA', 'CA', 'AR'];

async function register(base, tag, i, displayName) {
  const data = await gql(base, `mutation($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`, {
    input: { email: `board-${tag}-${i}-${process.pid}@example.org`, password: PASSWORD, displayName, country: COUNTRIES[i % COUNTRIES.length], stakeholderGroup: GROUPS[i % GROUPS.length] },
  });
  return data.register;
}

async function startProduct(log) {
  const target = await postgresTarget();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-board-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const db = target ? await createThrowawayDatabase(target, 'board') : null;
  const handle = startChild('Intersessional', process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: db?.url, DEMO_DATA: 'true', LOG_LEVEL: 'warn', WEB_DIST, TRUST_PROXY: 'true', REDIS_URL: undefined },
  });
  onCleanup(() => handle.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, handle, 90_000);
  log(`  product up on ${base}${db ? ` (PostgreSQL ${db.name})` : ' (embedded PGlite)'}, serving ${WEB_DIST}`);
  return { base, db, target };
}

const OPINIONS = [
  'This wording is too vague to be implemented; please say who is expected to act and by when.',
  'We support this passage and would like it kept as it is in the final text.',
  'The passage should acknowledge the situation of least developed countries explicitly.',
  'Please align this with the language agreed at the World Summit on the Information Society.',
  'This goes further than the mandate allows; we suggest deleting it.',
  'A reference to the multistakeholder model would make this clearer.',
  'Civil society organisations need to be named here alongside governments.',
  'This duplicates an earlier paragraph; one of the two could go.',
];
const DISPOSITIONS = ['ACCEPTED', 'PARTLY_ACCEPTED', 'NOTED', 'NOT_ACCEPTED'];

/** The period, the 2,000 comments and the answers, through the API as people would make them. */
async function setUp(base, log) {
  const started = performance.now();
  const draft = buildRealDraft(root, { minWords: 30_000 });
  const secretariat = (await gql(base, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: SECRETARIAT, password: PASSWORD } })).signIn.accessToken;
  const facilitator = await register(base, 'facilitator', 0, 'Board facilitator');
  const workstream = (
    await gql(base, `mutation($input: CreateWorkstreamInput!) { createWorkstream(input: $input) { id } }`, {
      input: { kind: 'BPF', name: `BPF board bench ${process.pid}`, cycleYear: 2026, joinPolicy: 'OPEN', facilitatorIds: [facilitator.user.id] },
    }, secretariat)
  ).createWorkstream.id;
  const token = facilitator.accessToken;
  const documentId = (
    await gql(base, `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`, {
      input: { workstreamId: workstream, title: 'Draft output for the answer board bench', kind: 'DRAFT_OUTPUT', visibility: 'PUBLIC', markdown: draft.markdown },
    }, token)
  ).createDocument.id;
  const version = (await gql(base, `mutation($id: ID!) { freezeVersion(documentId: $id, label: "For comment") { id } }`, { id: documentId }, token)).freezeVersion;
  const opensAt = Date.now() - 1000;
  const period = (
    await gql(base, `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id } }`, {
      input: { documentId, versionId: version.id, title: 'Public comment: answer board bench', timeZone: 'UTC', opensAt: new Date(opensAt).toISOString(), closesAt: new Date(opensAt + 14 * 24 * 3600_000).toISOString(), schedule: true },
    }, token)
  ).createCommentPeriod;
  const paragraphs = (await gql(base, `query($id: ID!) { commentPeriod(id: $id) { paragraphs { number text } } }`, { id: period.id }, token)).commentPeriod.paragraphs.filter((p) => p.number > 0);

  const commenters = new Array(COMMENTERS);
  await inFlight(Array.from({ length: COMMENTERS }, (_, i) => async () => void (commenters[i] = await register(base, 'commenter', i, `Commenter ${i + 1}`))), 4);
  const rng = new Prng(SEED);
  const weights = paragraphs.map((p) => (p.text.match(/\S+/g) ?? []).length);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickParagraph = () => {
    let r = rng.next() * total;
    for (let i = 0; i < paragraphs.length; i += 1) if ((r -= weights[i]) < 0) return paragraphs[i];
    return paragraphs.at(-1);
  };
  const plans = [];
  while (plans.length < COMMENTS) {
    const p = pickParagraph();
    const words = [...p.text.matchAll(/\S+/g)];
    if (words.length < 3) continue;
    const length = Math.min(words.length, rng.int(3, 25));
    const first = rng.int(0, words.length - length);
    const start = words[first].index;
    const end = words[first + length - 1].index + words[first + length - 1][0].length;
    plans.push({ anchor: { kind: 'RANGE', start: { paragraph: p.number, offset: start }, end: { paragraph: p.number, offset: end } }, excerpt: p.text.slice(start, end) });
  }
  const ids = new Array(plans.length);
  await inFlight(plans.map((plan, j) => async () => {
    const i = j % COMMENTERS;
    const body = `On “${plan.excerpt.split(/\s+/).slice(0, 8).join(' ')}…”: ${OPINIONS[(i + j) % OPINIONS.length]} (Commenter ${i + 1}, note ${Math.floor(j / COMMENTERS) + 1}.)`;
    const data = await gql(base, `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id } }`, { input: { periodId: period.id, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: plan.anchor, body } }, commenters[i].accessToken);
    ids[j] = data.submitComment.id;
  }), 16);
  const answered = ids.filter(() => rng.chance(ANSWERED));
  await inFlight(answered.map((id, k) => async () => {
    await gql(base, `mutation($id: ID!, $d: Disposition!, $r: String!) { answerComment(id: $id, disposition: $d, response: $r) { id } }`, { id, d: DISPOSITIONS[k % DISPOSITIONS.length], r: 'Thank you: the drafting team discussed this and reflects it in the next version.' }, token);
  }), 8);
  log(`  set up in ${fmt((performance.now() - started) / 1000, 1)} s: ${fmt(draft.words)} words, ${paragraphs.length} numbered paragraphs, ${fmt(ids.length)} comments from ${COMMENTERS} people, ${fmt(answered.length)} answered`);
  // a fresh session for the browser (the one above has been used for the set-up; tokens stay valid)
  const session = (await gql(base, `mutation($input: SignInInput!) { signIn(input: $input) { ${SESSION} } }`, { input: { email: facilitator.user.email, password: PASSWORD } })).signIn;
  return { periodId: period.id, session, token, words: draft.words, paragraphs: paragraphs.length, comments: ids.length, answered: answered.length };
}

// ---------------------------------------------------------------- the floor

const escape = (text) => String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** Every comment as the API gives it to the board, read page by page. */
async function allComments(base, periodId, token) {
  const comments = [];
  let after = null;
  for (;;) {
    const data = await gql(base, `query($id: ID!, $after: String) { commentPeriod(id: $id) { comments(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id body commenter { name } anchor { startParagraph } liveAnchor { status text } answer { disposition response } } } } } }`, { id: periodId, after }, token);
    const connection = data.commentPeriod.comments;
    comments.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return comments;
    after = connection.pageInfo.endCursor;
  }
}

/** The same comments grouped by paragraph, unanswered first, each with its answer form: nothing virtualised. */
function floorHtml(comments) {
  const groups = new Map();
  for (const c of comments) {
    const key = c.anchor?.startParagraph ?? 0;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  const options = DISPOSITIONS.map((d) => `<option>${d}</option>`).join('');
  const body = [...groups]
    .sort((a, b) => a[0] - b[0])
    .map(([number, list]) => {
      list.sort((a, b) => Number(Boolean(a.answer)) - Number(Boolean(b.answer)));
      const items = list
        .map((c) => `<article tabindex="0"><p><strong>${escape(c.commenter?.name)}</strong> · ${escape(c.liveAnchor?.status ?? '')}</p><blockquote>${escape(c.liveAnchor?.text ?? '')}</blockquote><p>${escape(c.body)}</p>${c.answer ? `<p><em>${escape(c.answer.disposition)}</em>: ${escape(c.answer.response)}</p>` : `<form><label>Outcome <select>${options}</select></label><label>Response <textarea></textarea></label><button>Answer</button></form>`}</article>`)
        .join('\n');
      return `<section><h2>Paragraph ${number}</h2>\n${items}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Answer board</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5}article{border-bottom:1px solid #ccc;padding:.5rem 0}textarea{width:100%}</style></head>
<body><main><h1>Answer board</h1>${body}</main></body></html>`;
}

// ---------------------------------------------------------------- measuring

/**
 * Runs before any page script: when the first comment (an article in main) appears, when the board
 * marks itself loaded, the main thread's long tasks, and, for the keyboard, the time from each keydown
 * to the next comment taking focus.
 */
const PROBE = `(() => {
  const bench = (window.__bench = { first: null, ready: null, longTasks: [], keys: [], pressedAt: null, focusCount: 0 });
  const mark = () => {
    if (bench.first === null && document.querySelector('main article')) bench.first = performance.now();
    if (bench.ready === null && document.querySelector('[data-board-ready="true"]')) bench.ready = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-board-ready'] });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('keydown', () => { bench.pressedAt = performance.now(); }, true);
  document.addEventListener('focusin', (e) => {
    if (bench.pressedAt !== null && e.target instanceof HTMLElement && e.target.tagName === 'ARTICLE') {
      bench.keys.push(performance.now() - bench.pressedAt);
      bench.pressedAt = null;
    }
    bench.focusCount += 1;
  }, true);
})();`;

/** One cold load of the board (or the floor), then the keyboard (ours only). */
async function load(browser, url, { session = null, keyboard = false } = {}) {
  const context = await browser.newContext({ ...DESKTOP, locale: 'en-GB', timezoneId: 'Europe/Zurich' });
  try {
    if (session) await context.addInitScript((value) => localStorage.setItem('intersessional.session', value), JSON.stringify(session));
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await page.goto(url, { waitUntil: 'load', timeout: 240_000 });
    // the board marks itself loaded once every page of comments is placed; the floor is whole at its load event
    await page.waitForFunction((board) => window.__bench.first !== null && (!board || window.__bench.ready !== null), session !== null, { timeout: 180_000, polling: 100 });
    const loaded = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { first: window.__bench.first, ready: window.__bench.ready ?? nav.loadEventEnd, articles: document.querySelectorAll('main article').length };
    });
    const blocking = await page.evaluate((until) => window.__bench.longTasks.filter((t) => t.start < until).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0), loaded.ready);
    const longest = await page.evaluate(() => Math.max(0, ...window.__bench.longTasks.map((t) => t.duration)));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    let keys = [];
    if (keyboard) {
      await page.locator('main article').first().focus();
      await page.evaluate(() => {
        window.__bench.keys = [];
      });
      for (let i = 0; i < KEY_PRESSES; i += 1) {
        const before = await page.evaluate(() => window.__bench.keys.length);
        await page.keyboard.press('PageDown');
        await page.waitForFunction((n) => window.__bench.keys.length > n, before, { timeout: 10_000, polling: 'raf' });
      }
      keys = await page.evaluate(() => window.__bench.keys);
    }
    return { first: loaded.first, ready: loaded.ready, articles: loaded.articles, blocking, longest, heap, domNodes, bytes, keys };
  } finally {
    await context.close();
  }
}

export async function run({ log }) {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: run \`npm run build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH`);
  const suiteStarted = performance.now();
  const machine = machineInfo();
  const source = sourceInfo(root);
  const { base, target } = await startProduct(log);
  const setup = await setUp(base, log);
  const comments = await allComments(base, setup.periodId, setup.token);
  const floor = await serveStaticPage(floorHtml(comments), '/answers');
  log(`  the floor: ${fmt(comments.length)} comments as one static page, ${fmt(floor.htmlBytes / 1024)} KB of HTML (${fmt(floor.bytes / 1024)} KB gzipped)`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  onCleanup(() => browser.close());
  const boardUrl = `${base}/comment-periods/${setup.periodId}/answers`;
  // one unmeasured load of each first (the server's first requests, Chromium's caches of its own)
  await load(browser, boardUrl, { session: setup.session });
  await load(browser, floor.url);
  const runs = { board: [], floor: [] };
  for (let i = 0; i < RUNS; i += 1) {
    const board = await load(browser, boardUrl, { session: setup.session, keyboard: true });
    runs.board.push(board);
    log(`  board run ${i + 1}/${RUNS}: first comment ${fmt(board.first)} ms, all placed ${fmt(board.ready)} ms, blocking ${fmt(board.blocking)} ms (longest task ${fmt(board.longest)} ms), ${fmt(board.domNodes)} DOM nodes (${board.articles} articles rendered), heap ${fmt(board.heap / 1048576, 1)} MiB, ${fmt(board.bytes / 1024)} KB transferred; PageDown p50 ${fmt(percentile(board.keys, 50), 1)} / p99 ${fmt(percentile(board.keys, 99), 1)} ms`);
    const flat = await load(browser, floor.url);
    runs.floor.push(flat);
    log(`  floor run ${i + 1}/${RUNS}: first comment ${fmt(flat.first)} ms, loaded ${fmt(flat.ready)} ms, blocking ${fmt(flat.blocking)} ms (longest task ${fmt(flat.longest)} ms), ${fmt(flat.domNodes)} DOM nodes, heap ${fmt(flat.heap / 1048576, 1)} MiB, ${fmt(flat.bytes / 1024)} KB transferred`);
  }
  const chromiumVersion = browser.version();
  await browser.close();

  const m = (list, key) => median(list.map((r) => r[key]));
  const worst = (list, key) => Math.max(...list.map((r) => r[key]));
  const keys = runs.board.flatMap((r) => r.keys);
  const rows = [
    ['First comment shown, ms (median / worst)', `${fmt(m(runs.board, 'first'))} / ${fmt(worst(runs.board, 'first'))}`, `${fmt(m(runs.floor, 'first'))} / ${fmt(worst(runs.floor, 'first'))}`, ratio(m(runs.board, 'first'), m(runs.floor, 'first'))],
    [`All ${fmt(setup.comments)} placed (ours: the board marks itself loaded; floor: the load event), ms`, `${fmt(m(runs.board, 'ready'))} / ${fmt(worst(runs.board, 'ready'))}`, `${fmt(m(runs.floor, 'ready'))} / ${fmt(worst(runs.floor, 'ready'))}`, ratio(m(runs.board, 'ready'), m(runs.floor, 'ready'))],
    ['Main thread blocked until then (sum of long tasks beyond 50 ms), ms', fmt(m(runs.board, 'blocking')), fmt(m(runs.floor, 'blocking')), ratio(m(runs.board, 'blocking'), m(runs.floor, 'blocking'))],
    ['Longest task, ms', fmt(m(runs.board, 'longest')), fmt(m(runs.floor, 'longest')), ratio(m(runs.board, 'longest'), m(runs.floor, 'longest'))],
    ['DOM nodes once loaded', fmt(m(runs.board, 'domNodes')), fmt(m(runs.floor, 'domNodes')), ratio(m(runs.board, 'domNodes'), m(runs.floor, 'domNodes'))],
    ['JS heap after a garbage collection, MiB', fmt(m(runs.board, 'heap') / 1048576, 1), fmt(m(runs.floor, 'heap') / 1048576, 1), ratio(m(runs.board, 'heap'), m(runs.floor, 'heap'))],
    ['Bytes transferred (gzipped), KB', fmt(m(runs.board, 'bytes') / 1024), fmt(m(runs.floor, 'bytes') / 1024), ratio(m(runs.board, 'bytes'), m(runs.floor, 'bytes'))],
    [`PageDown to the next comment, p50 / p99 ms (${keys.length} presses)`, `${fmt(percentile(keys, 50), 1)} / ${fmt(percentile(keys, 99), 1)}`, 'n/a', ''],
  ];
  const main = table(['answer board, desktop 1280×800, CPU 4×', 'Intersessional', 'static floor', 'ours ÷ floor'], rows);
  const markdown = `Measured by \`npm run bench\` (suite \`board\`; alone: \`npm run build && node bench/run.mjs board\`) on ${describeMachine(machine)}; ${describeSource(source)}, on ${target ? 'PostgreSQL' : 'embedded PGlite'}, in ${fmt((performance.now() - suiteStarted) / 60000, 1)} minutes.
Chromium ${chromiumVersion} (Debian), headless, driven by playwright-core; the product as \`npm start\` runs it.

**Scenario.** A BPF's draft of ${fmt(setup.words)} words of real prose (${setup.paragraphs} numbered paragraphs), ${fmt(setup.comments)} comments on passages from ${COMMENTERS} people (submitted through the API), ${fmt(setup.answered)} of them answered. The facilitator opens \`/comment-periods/<id>/answers\` signed in, in a fresh browser profile (cold cache) on a desktop window with the CPU slowed ${CPU_SLOWDOWN}× (a modest laptop), ${RUNS} runs after one unmeasured load. The board reads the comments 100 at a time with their live anchors and shows them as they arrive, grouped by paragraph, the unanswered first, in a virtualised list. *All placed* is when it marks itself loaded (\`data-board-ready\`); *blocking* sums the long tasks' time beyond 50 ms until then (Total Blocking Time's rule); the heap is read through DevTools after a forced garbage collection. Then ${KEY_PRESSES} presses of PageDown from the first comment, each timed from keydown to the next comment taking focus (the virtualiser renders it first when it is off screen).

**The floor** is the same ${fmt(comments.length)} comments (name, live anchor, text, answer or an answer form), grouped by paragraph with the unanswered first, as one static HTML page without any script (${fmt(floor.bytes / 1024)} KB gzipped), from a bare Node server, loaded the same way: what a board that renders everything costs the browser, before any code.

${main}
`;
  const text = `answer board: first comment ${fmt(m(runs.board, 'first'))} ms, all ${fmt(setup.comments)} placed ${fmt(m(runs.board, 'ready'))} ms, ${fmt(m(runs.board, 'domNodes'))} DOM nodes (floor ${fmt(m(runs.floor, 'domNodes'))}), PageDown p99 ${fmt(percentile(keys, 99), 1)} ms`;
  return { markdown, text, data: { machine, source, setup: { ...setup, session: undefined, token: undefined }, runs, floorBytes: floor.bytes } };
}
