// Live anchors on a real draft (issue 11): the facilitators' answer board shows each public comment
// where its passage stands in today's draft (`Comment.liveAnchor`). A 60-page draft of real prose
// (≈30,000 words: a UN resolution with a list and tables, then license texts read from
// /usr/share/common-licenses), 2,000 comments from 200 people, then a drafting week of 300 edits and
// later 1,300 in all, made by a stock y-websocket client (WebsocketProvider over `ws`). After each
// stage: the answer board's page of 50 (p50/p99, the first request cold), the server CPU to fetch all
// 2,000 once (cold and warm), and a cheap probe's latency alone and while three facilitators page
// through at once. Everything is set up through the GraphQL API; the edit mix, the comments' passages
// and the pages asked for come from a seeded PRNG, so every run and every server gets the same ones.
//
// BENCH_ANCHORS_BASELINE=<checkout root holding dist/apps/api/src/main.js> runs the same scenario
// against that build too (same seed, draft, comments and edits), the two servers side by side and
// taking turns stage by stage, and prints ours ÷ baseline. BENCH_CPU_PROF=<folder> writes the servers'
// CPU profiles of the passes over all pages there (see profiled()).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createThrowawayDatabase, postgresTarget } from '../lib/postgres.mjs';
import { gql, gqlRaw, inFlight } from '../lib/api.mjs';
import { serverEnv } from '../lib/api-server.mjs';
import { OtherLoadMonitor, cpuSeconds, freePort, nodeArgsWithProbe, onCleanup, rssKb, startChild, waitForHttp } from '../lib/processes.mjs';
import { Prng } from '../lib/prng.mjs';
import { buildRealDraft, countWords } from '../lib/real-draft.mjs';
import { describeMachine, describeSource, fmt, machineInfo, ratio, sourceInfo, table } from '../lib/report.mjs';
import { median, percentile } from '../lib/stats.mjs';

export const title = 'Live anchors on a real draft: the answer board after a drafting week';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const SEED = 11; // issue 11

const P = QUICK
  ? { minWords: 8_000, commenters: 20, commentsEach: 5, stages: [30, 130], pageRequests: 20, pageBudgetMs: 20_000, probeMs: 2_000, loadedMs: 3_000 }
  : { minWords: 30_000, commenters: 200, commentsEach: 10, stages: [300, 1300], pageRequests: 100, pageBudgetMs: 100_000, probeMs: 10_000, loadedMs: 10_000 };
const IN_FLIGHT = 16;
const PAGE_SIZE = 50;
const PROBE_EVERY_MS = 50;
const FACILITATORS = 3;
/** Edits sent per second: under the sync server's default of 300 messages per second per connection. */
const EDITS_PER_SECOND = 150;
/** The compactor folds a document's log once it holds more rows than this (libs/documents). */
const COMPACT_THRESHOLD = 200;
const PASSWORD = 'igf-demo-passphrase-2026';
const SECRETARIAT = 'secretariat@demo.intersessional.org';
const STATUSES = ['EXACT', 'MOVED', 'CHANGED', 'ORPHANED'];

// ---------------------------------------------------------------- HTTP and GraphQL

// ---------------------------------------------------------------- servers

/** Copies our dist/ so a rebuild during the run cannot change the server measured; removed at the end. */
async function snapshotDist() {
  const target = join(root, 'bench', '.dist-snapshot', `anchors-${process.pid}`);
  onCleanup(async () => {
    await rm(target, { recursive: true, force: true });
    await rmdir(dirname(target)).catch(() => undefined);
  });
  await cp(join(root, 'dist'), target, { recursive: true, filter: (source) => !source.endsWith('.map') });
  return target;
}

async function startApi({ key, label, main, cwd, target, log }) {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), `bench-anchors-${key}-`));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const db = target ? await createThrowawayDatabase(target, `anchors_${key}`) : null;
  const handle = startChild(label, process.execPath, nodeArgsWithProbe(main), { cwd, env: serverEnv({ port, dataDir, db, production: false }) });
  onCleanup(() => handle.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, handle, 90_000);
  let sql = null;
  if (db) {
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    onCleanup(() => sql.end().catch(() => undefined));
  }
  log(`  ${label}: up on ${base} (pid ${handle.pid}, ${db ? `PostgreSQL ${db.name}` : 'embedded PGlite'}, ${main})`);
  return { key, label, main, cwd, port, dataDir, base, handle, pid: handle.pid, db, sql, mode: 'development' };
}

/**
 * After set-up, the server is measured as it is deployed: restarted on the same database in production
 * mode (no demo data; GraphQL and the framework skip their development checks). The embedded database
 * is development-only, so without PostgreSQL it stays in development mode.
 */
async function restartInProduction(api, log) {
  if (!api.db) return;
  await api.handle.stop();
  const handle = startChild(api.label, process.execPath, nodeArgsWithProbe(api.main), { cwd: api.cwd, env: serverEnv({ port: api.port, dataDir: api.dataDir, db: api.db, production: true }) });
  onCleanup(() => handle.stop());
  await waitForHttp(`${api.base}/health`, handle, 90_000);
  Object.assign(api, { handle, pid: handle.pid, mode: 'production' });
  log(`  ${api.label}: restarted in production mode (pid ${handle.pid})`);
}

// ---------------------------------------------------------------- set-up through the API

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`;
const GROUPS = ['CIVIL_SOCIETY', 'GOVERNMENT', 'PRIVATE_SECTOR', 'ACADEMIA', 'TECHNICAL_COMMUNITY'];
const COUNTRIES = ['KE', 'BR', 'DE', 'IN', 'JP', 'EG', 'MX', 'FR', 'ID', 'ZA', 'CA', 'AR'];

async function register(api, tag, i, displayName) {
  const data = await gql(api.base, REGISTER, {
    input: { email: `anchors-${tag}-${i}-${process.pid}-${Date.now()}@example.org`, password: PASSWORD, displayName, country: COUNTRIES[i % COUNTRIES.length], stakeholderGroup: GROUPS[i % GROUPS.length] },
  });
  return { id: data.register.user.id, token: data.register.accessToken, refreshToken: data.register.refreshToken };
}

/** A new access token for `person` (access tokens last 15 minutes; refresh tokens are single use). */
async function refresh(api, person) {
  const data = await gql(api.base, `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`, { t: person.refreshToken });
  person.token = data.refreshSession.accessToken;
  person.refreshToken = data.refreshSession.refreshToken;
}

/** Facilitators, editor, workstream, the document from Markdown, a frozen version and an open period. */
async function setUpPeriod(api, markdown, log) {
  const started = performance.now();
  const secretariat = (await gql(api.base, `mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }`, { i: { email: SECRETARIAT, password: PASSWORD } })).signIn.accessToken;
  const facilitators = [];
  for (let i = 0; i < FACILITATORS; i += 1) facilitators.push(await register(api, 'facilitator', i, `Facilitator ${i + 1}`));
  const editor = await register(api, 'editor', 0, 'Drafting editor');
  const workstream = (
    await gql(api.base, `mutation($input: CreateWorkstreamInput!) { createWorkstream(input: $input) { id } }`, {
      input: { kind: 'BPF', name: `BPF anchors bench ${api.key} ${process.pid}`, cycleYear: 2026, joinPolicy: 'OPEN', facilitatorIds: facilitators.map((f) => f.id) },
    }, secretariat)
  ).createWorkstream.id;
  await gql(api.base, `mutation($id: ID!) { joinWorkstream(input: { workstreamId: $id }) { status } }`, { id: workstream }, editor.token);
  const lead = facilitators[0];
  const documentId = (
    await gql(api.base, `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`, {
      input: { workstreamId: workstream, title: 'Draft output: ICT for development, with licensing annexes', kind: 'DRAFT_OUTPUT', visibility: 'PUBLIC', markdown },
    }, lead.token)
  ).createDocument.id;
  const version = (await gql(api.base, `mutation($id: ID!) { freezeVersion(documentId: $id, label: "Draft for public comment") { id number } }`, { id: documentId }, lead.token)).freezeVersion;
  const opensAt = Date.now() - 1000;
  const period = (
    await gql(api.base, `mutation($input: CreateCommentPeriodInput!) { createCommentPeriod(input: $input) { id status } }`, {
      input: { documentId, versionId: version.id, title: 'Public comment on the draft output', timeZone: 'UTC', opensAt: new Date(opensAt).toISOString(), closesAt: new Date(opensAt + 14 * 24 * 3600_000).toISOString(), schedule: true },
    }, lead.token)
  ).createCommentPeriod;
  if (period.status !== 'OPEN') throw new Error(`${api.label}: the period is ${period.status}, not OPEN`);
  const paragraphs = (await gql(api.base, `query($id: ID!) { commentPeriod(id: $id) { paragraphs { number type text } } }`, { id: period.id }, lead.token)).commentPeriod.paragraphs;
  log(`  ${api.label}: workstream, document, version ${version.number} and an open period in ${fmt((performance.now() - started) / 1000, 1)} s`);
  return { facilitators, editor, documentId, periodId: period.id, paragraphs };
}

// ---------------------------------------------------------------- comments

/**
 * Where the comments go, from the version's numbered paragraphs: 80 % a passage of 3–25 words inside one
 * paragraph, 10 % a passage from the end of one paragraph into the next, 10 % whole paragraphs (one to
 * three). Paragraphs are chosen in proportion to their words, as people comment on text.
 */
function planComments(paragraphs, count, rng) {
  const numbered = paragraphs.filter((p) => p.number > 0).map((p) => ({ ...p, words: [...p.text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length })) }));
  const byNumber = new Map(numbered.map((p) => [p.number, p]));
  const weights = numbered.map((p) => p.words.length);
  const last = numbered.at(-1).number;
  const plans = [];
  while (plans.length < count) {
    const p = numbered[rng.weighted(weights)];
    const kind = rng.next();
    if (kind < 0.8) {
      if (p.words.length < 3) continue;
      const length = Math.min(p.words.length, rng.int(3, 25));
      const first = rng.int(0, p.words.length - length);
      plans.push({
        shape: 'range',
        anchor: { kind: 'RANGE', start: { paragraph: p.number, offset: p.words[first].start }, end: { paragraph: p.number, offset: p.words[first + length - 1].end } },
        excerpt: p.text.slice(p.words[first].start, p.words[first + length - 1].end),
      });
    } else if (kind < 0.9) {
      const next = byNumber.get(p.number + 1);
      if (!next || p.words.length < 2 || next.words.length < 2) continue;
      const from = rng.int(Math.floor(p.words.length / 2), p.words.length - 1);
      const to = rng.int(0, Math.min(next.words.length - 1, 12));
      plans.push({
        shape: 'two paragraphs',
        anchor: { kind: 'RANGE', start: { paragraph: p.number, offset: p.words[from].start }, end: { paragraph: next.number, offset: next.words[to].end } },
        excerpt: p.text.slice(p.words[from].start),
      });
    } else {
      const to = Math.min(last, p.number + rng.int(0, 2));
      plans.push({ shape: 'paragraphs', anchor: { kind: 'PARAGRAPHS', fromParagraph: p.number, toParagraph: to }, excerpt: p.text });
    }
  }
  return plans;
}

const OPINIONS = [
  'This wording is too vague to be implemented; please say who is expected to act and by when.',
  'We support this passage and would like it kept as it is in the final text.',
  'The passage should acknowledge the situation of least developed countries explicitly.',
  'Please align this with the language agreed at the World Summit on the Information Society.',
  'This goes further than the mandate allows; we suggest deleting it.',
  'A reference to the multistakeholder model would make this clearer.',
  'The obligations here read as binding; the draft should use softer language.',
  'Consider splitting this into two sentences: the second condition gets lost.',
  'Civil society organisations need to be named here alongside governments.',
  'This duplicates an earlier paragraph; one of the two could go.',
];

const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;

async function submitComments(api, setup, plans, log) {
  const registerStarted = performance.now();
  const commenters = new Array(P.commenters);
  await inFlight(Array.from({ length: P.commenters }, (_, i) => async () => {
    commenters[i] = await register(api, 'commenter', i, `Commenter ${i + 1}`);
  }), 4);
  const registerSeconds = (performance.now() - registerStarted) / 1000;
  const tasks = plans.map((plan, j) => async () => {
    const i = j % P.commenters;
    const round = Math.floor(j / P.commenters);
    const words = plan.excerpt.split(/\s+/).slice(0, 8).join(' ');
    const body = `On “${words}…”: ${OPINIONS[(i + round) % OPINIONS.length]} (Commenter ${i + 1}, note ${round + 1}.)`;
    const result = await gqlRaw(api.base, SUBMIT, { input: { periodId: setup.periodId, language: 'en', speakingFor: 'PERSONAL', consentToPublish: true, anchor: plan.anchor, body } }, commenters[i].token);
    if (result.errors?.length) throw new Error(`${api.label}: comment ${j} (${JSON.stringify(plan.anchor)}) refused: ${JSON.stringify(result.errors).slice(0, 400)}`);
    const state = result.data.submitComment.state;
    states[state] = (states[state] ?? 0) + 1;
  });
  const states = {};
  const started = performance.now();
  await inFlight(tasks, IN_FLIGHT);
  const seconds = (performance.now() - started) / 1000;
  log(`  ${api.label}: ${P.commenters} commenters registered in ${fmt(registerSeconds, 1)} s; ${plans.length} comments in ${fmt(seconds, 1)} s (${fmt(plans.length / seconds)}/s, ${IN_FLIGHT} in flight; ${Object.entries(states).map(([s, n]) => `${s} ${n}`).join(', ')})`);
  return { registerSeconds, seconds, perSecond: plans.length / seconds, states };
}

// ---------------------------------------------------------------- the editor

/** A stock y-websocket client, as the web editor creates it, synced. */
async function connectProvider(api, token, documentId, doc, closes) {
  const provider = new WebsocketProvider(`${api.base.replace('http', 'ws')}/collab`, documentId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  provider.on('connection-close', (event) => {
    const code = event?.code ?? 'none';
    if (provider.shouldConnect) closes.set(code, (closes.get(code) ?? 0) + 1);
  });
  await waitSynced(provider);
  return provider;
}

async function waitSynced(provider, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!provider.synced) {
    if (Date.now() > deadline) throw new Error('the y-websocket client did not sync');
    await sleep(20);
  }
}

/** The plain text of an XmlText (formatting left out). */
const plain = (text) => text.toDelta().map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/** Every paragraph element with text, at any depth (inside lists and tables too), with its longest XmlText. */
function textParagraphs(fragment) {
  const out = [];
  const walk = (node) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'paragraph') {
        let best = null;
        for (const c of child.toArray()) if (c instanceof Y.XmlText && (!best || c.length > best.length)) best = c;
        if (best && best.length > 0) out.push(best);
      } else if (child.nodeName !== 'heading') walk(child);
    }
  };
  walk(fragment);
  return out;
}

/** Paragraph elements directly in the document (not in lists or tables): the ones cut, pasted or deleted whole. */
function topParagraphs(fragment) {
  const out = [];
  fragment.toArray().forEach((child, index) => {
    if (child instanceof Y.XmlElement && child.nodeName === 'paragraph' && child.toArray().some((c) => c instanceof Y.XmlText && c.length > 0)) out.push(index);
  });
  return out;
}

const wordSpans = (s) => [...s.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));

/** A few consecutive words of some paragraph of the draft: what an editor types is prose like the rest. */
function phrase(texts, rng, min, max) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const words = wordSpans(plain(rng.pick(texts))).map((w) => w.word.replace(/[.;:,]+$/, ''));
    if (words.length < min) continue;
    const n = Math.min(words.length, rng.int(min, max));
    const from = rng.int(0, words.length - n);
    return words.slice(from, from + n).join(' ');
  }
  return 'as appropriate';
}

export const EDIT_KINDS = ['insertion', 'deletion', 'rewritten sentence', 'paragraph deleted', 'paragraph cut and pasted'];
const EDIT_WEIGHTS = [32, 24, 24, 8, 12];

/**
 * One edit of the kind chosen by `rng`, as plain Yjs operations on the shared document; returns its
 * kind. A cut and paste is two transactions (the cut, then the paste), as in the editor; the pasted
 * paragraph keeps its block id, as the editor's paste of a block cut from the same document does.
 */
function editOnce(doc, rng) {
  const fragment = doc.getXmlFragment('default');
  const kind = EDIT_KINDS[rng.weighted(EDIT_WEIGHTS)];
  if (kind === 'paragraph deleted' || kind === 'paragraph cut and pasted') {
    const tops = topParagraphs(fragment);
    const index = rng.pick(tops);
    const element = fragment.get(index);
    if (kind === 'paragraph deleted') {
      doc.transact(() => fragment.delete(index, 1));
      return kind;
    }
    const attributes = element.getAttributes();
    const deltas = element.toArray().filter((c) => c instanceof Y.XmlText).map((t) => t.toDelta());
    doc.transact(() => fragment.delete(index, 1));
    const length = fragment.length;
    const to = rng.chance(0.5) ? Math.max(0, Math.min(length, index + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 10))) : rng.int(0, length);
    doc.transact(() => {
      const pasted = new Y.XmlElement('paragraph');
      fragment.insert(to, [pasted]);
      for (const [name, value] of Object.entries(attributes)) pasted.setAttribute(name, value);
      pasted.insert(0, deltas.map(() => new Y.XmlText()));
      deltas.forEach((delta, i) => pasted.get(i).applyDelta(delta));
    });
    return kind;
  }
  const texts = textParagraphs(fragment);
  const text = texts[rng.weighted(texts.map((t) => t.length))];
  const s = plain(text);
  const words = wordSpans(s);
  if (kind === 'insertion' || words.length < 2) {
    const at = words.length ? rng.int(0, words.length) : 0;
    const position = at < words.length ? words[at].start : s.length;
    const inserted = phrase(texts, rng, 1, 8);
    doc.transact(() => text.insert(position, at < words.length ? `${inserted} ` : ` ${inserted}`));
    return 'insertion';
  }
  if (kind === 'deletion') {
    const n = Math.min(words.length - 1, rng.int(1, 10));
    const first = rng.int(0, words.length - n);
    const from = words[first].start;
    const to = first + n < words.length ? words[first + n].start : words[first + n - 1].end;
    doc.transact(() => text.delete(from, to - from));
    return kind;
  }
  // a rewritten sentence: retyped with some words replaced, some dropped and a few added
  const sentences = [...s.matchAll(/[^.;:!?]+[.;:!?]*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] })).filter((x) => countWords(x.text) >= 4);
  if (!sentences.length) {
    doc.transact(() => text.insert(s.length, ` ${phrase(texts, rng, 3, 8)}.`));
    return kind;
  }
  const sentence = rng.pick(sentences);
  const lead = /^\s*/.exec(sentence.text)[0];
  const tail = /[.;:!?]*$/.exec(sentence.text)[0];
  const body = sentence.text.slice(lead.length, sentence.text.length - tail.length).trim().split(/\s+/);
  const rewritten = [];
  for (const word of body) {
    const r = rng.next();
    if (r < 0.1) continue;
    if (r < 0.35) rewritten.push(phrase(texts, rng, 1, 1));
    else rewritten.push(word);
    if (rng.chance(0.05)) rewritten.push(phrase(texts, rng, 2, 4));
  }
  if (!rewritten.length) rewritten.push(phrase(texts, rng, 3, 6));
  const from = sentence.start + lead.length;
  const to = sentence.end;
  doc.transact(() => {
    text.delete(from, to - from);
    text.insert(from, `${rewritten.join(' ')}${tail || '.'}`);
  });
  return kind;
}

/** A fingerprint of the document's text in reading order, to check every server got the same edits. */
function textFingerprint(doc) {
  const hash = createHash('sha256');
  const walk = (node) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) hash.update(plain(child));
      else if (child instanceof Y.XmlElement) {
        hash.update(`<${child.nodeName}>`);
        walk(child);
      }
    }
  };
  walk(doc.getXmlFragment('default'));
  return hash.digest('hex').slice(0, 16);
}

const sameStateVector = (a, b) => {
  const x = Y.encodeStateVector(a);
  const y = Y.encodeStateVector(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

class Editor {
  constructor(api, setup) {
    this.api = api;
    this.setup = setup;
    this.doc = new Y.Doc();
    this.rng = new Prng(SEED * 7919);
    this.closes = new Map();
    this.done = 0;
    this.kinds = Object.fromEntries(EDIT_KINDS.map((k) => [k, 0]));
    this.provider = null;
  }

  async connect() {
    this.token ??= (await gql(this.api.base, `mutation($id: ID!) { collaborationToken(documentId: $id) { token mode } }`, { id: this.setup.documentId }, this.setup.editor.token)).collaborationToken;
    if (this.token.mode !== 'READ_WRITE') throw new Error(`${this.api.label}: the editor's collaboration token is ${this.token.mode}`);
    if (!this.provider) this.provider = await connectProvider(this.api, this.token.token, this.setup.documentId, this.doc, this.closes);
    else {
      this.provider.connect();
      await waitSynced(this.provider);
    }
  }

  /** Makes edits until `total` have been made, paced; then checks the server stored every one. */
  async editUntil(total, log) {
    await this.connect();
    const started = performance.now();
    const from = this.done;
    while (this.done < total) {
      this.kinds[editOnce(this.doc, this.rng)] += 1;
      this.done += 1;
      const due = started + ((this.done - from) * 1000) / EDITS_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const editSeconds = (performance.now() - started) / 1000;
    // a second, fresh stock client syncs from the server: the edits are stored once it holds them all
    const checkStarted = performance.now();
    const doc = new Y.Doc();
    const verifier = await connectProvider(this.api, this.token.token, this.setup.documentId, doc, this.closes);
    const deadline = Date.now() + 60_000;
    while (!sameStateVector(doc, this.doc)) {
      if (Date.now() > deadline) throw new Error(`${this.api.label}: the server did not store every edit within 60 s`);
      await sleep(25);
    }
    const fingerprint = textFingerprint(this.doc);
    if (textFingerprint(doc) !== fingerprint) throw new Error(`${this.api.label}: a fresh client sees another text than the editor`);
    verifier.destroy();
    doc.destroy();
    this.provider.disconnect();
    log(`  ${this.api.label}: ${this.done - from} edits in ${fmt(editSeconds, 1)} s through y-websocket, all stored (checked by a fresh client in ${fmt((performance.now() - checkStarted) / 1000, 1)} s); text ${fingerprint}`);
    return { editSeconds, fingerprint };
  }

  close() {
    this.provider?.destroy();
    this.doc.destroy();
  }
}

/** Waits until the compactor has folded the edits into the snapshot, as it would have in a drafting week. */
async function waitForCompaction(api, documentId, log) {
  if (!api.sql) return { rows: null, waitedSeconds: 0 };
  const started = performance.now();
  const count = async () => (await api.sql.query('SELECT count(*)::int AS n FROM document_updates WHERE document_id = $1', [documentId])).rows[0].n;
  let rows = await count();
  const first = rows;
  while (rows > COMPACT_THRESHOLD && performance.now() - started < 45_000) {
    await sleep(500);
    rows = await count();
  }
  const waitedSeconds = (performance.now() - started) / 1000;
  log(`  ${api.label}: update log ${first} rows → ${rows} after ${fmt(waitedSeconds, 1)} s${rows > COMPACT_THRESHOLD ? ' (NOT compacted)' : ''}`);
  return { rowsBefore: first, rows, waitedSeconds };
}

// ---------------------------------------------------------------- measurements

const BOARD = `query AnswerBoard($id: ID!, $after: String) {
  commentPeriod(id: $id) {
    comments(first: ${PAGE_SIZE}, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id body createdAt state
        commenter { name }
        anchor { kind startParagraph endParagraph }
        answer { disposition }
        liveAnchor { status text startParagraph endParagraph }
      } }
    }
  }
}`;
/** The same page without liveAnchor: what the rest of the page costs, for comparison. */
const BOARD_WITHOUT_LIVE = BOARD.replace('liveAnchor { status text startParagraph endParagraph }', '');
const CONTROL_REQUESTS = QUICK ? 10 : 20;
const PROBE = `query Probe($id: ID!) { commentPeriod(id: $id) { title } }`;

/**
 * With BENCH_CPU_PROF=<folder>, the server's CPU profile of `phase` is written there as
 * <server>-<phase>.cpuprofile (open it in Chrome's DevTools); the profiler's sampling inflates that
 * phase's figures, so a profiled run is for reading, not for docs/benchmarks.md.
 */
async function profiled(api, phase, fn) {
  const folder = process.env.BENCH_CPU_PROF;
  if (!folder) return fn();
  await api.handle.cpuProfile('start');
  try {
    return await fn();
  } finally {
    const profile = await api.handle.cpuProfile('stop');
    if (typeof profile === 'string') await writeFile(join(resolve(folder), `${api.key}-${phase}.cpuprofile`), profile);
  }
}

/** Every page once, in order, one at a time: latencies, server CPU, the cursors and the status mix. */
async function allPages(api, setup, token, query = BOARD) {
  const cpuBefore = cpuSeconds(api.pid);
  const started = performance.now();
  const cursors = [null];
  const latencies = [];
  const statuses = Object.fromEntries([...STATUSES, 'none'].map((s) => [s, 0]));
  const errors = [];
  let comments = 0;
  for (;;) {
    const result = await gqlRaw(api.base, query, { id: setup.periodId, after: cursors.at(-1) }, token);
    latencies.push(result.ms);
    if (result.errors?.length) errors.push({ page: cursors.length, errors: result.errors.slice(0, 3) });
    const connection = result.data?.commentPeriod?.comments;
    if (!connection) throw new Error(`${api.label}: page ${cursors.length} failed: ${JSON.stringify(result.errors).slice(0, 500)}`);
    for (const { node } of connection.edges) {
      comments += 1;
      statuses[node.liveAnchor?.status ?? 'none'] += 1;
    }
    if (!connection.pageInfo.hasNextPage) break;
    cursors.push(connection.pageInfo.endCursor);
  }
  return { cpuSeconds: cpuSeconds(api.pid) - cpuBefore, wallSeconds: (performance.now() - started) / 1000, latencies, cursors, statuses, comments, errors };
}

const summary = (values) => ({ n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : NaN });

/**
 * A probe every PROBE_EVERY_MS (the cheap GraphQL query and GET /health, not waiting for each other) for
 * `ms`, while `load` (if any) runs; returns both probes' latencies and the load's result.
 */
async function probeWhile(api, setup, ms, load = null) {
  const graphql = [];
  const health = [];
  const pending = [];
  const errors = [];
  const stop = performance.now() + ms;
  const loadRun = load?.(stop);
  for (let next = performance.now(); next < stop; next += PROBE_EVERY_MS) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(gqlRaw(api.base, PROBE, { id: setup.periodId }).then((r) => (r.errors?.length ? errors.push(r.errors[0]) : graphql.push(r.ms))));
    const started = performance.now();
    pending.push(fetch(`${api.base}/health`).then(async (r) => {
      await r.arrayBuffer();
      if (r.status === 200) health.push(performance.now() - started);
      else errors.push({ message: `/health ${r.status}` });
    }));
  }
  await Promise.all(pending);
  const loadResult = await loadRun;
  return { graphql: summary(graphql), health: summary(health), errors: errors.length, load: loadResult };
}

/** Three facilitators page through the whole board at once, over and over, until `stop`. */
function threeFacilitators(api, setup, query = BOARD) {
  return async (stop) => {
    const latencies = [];
    let errors = 0;
    const cpuBefore = cpuSeconds(api.pid);
    await Promise.all(setup.facilitators.map(async (facilitator) => {
      let after = null;
      while (performance.now() < stop) {
        const result = await gqlRaw(api.base, query, { id: setup.periodId, after }, facilitator.token);
        latencies.push(result.ms);
        if (result.errors?.length) errors += 1;
        const info = result.data?.commentPeriod?.comments?.pageInfo;
        after = info?.hasNextPage ? info.endCursor : null;
      }
    }));
    return { pages: latencies.length, ...summary(latencies), errors, cpuSeconds: cpuSeconds(api.pid) - cpuBefore };
  };
}

async function measureStage(api, setup, stage, monitor, log) {
  const from = performance.now();
  for (const f of setup.facilitators) await refresh(api, f);
  const token = setup.facilitators[0].token;
  // 2. all 2,000 first after the edits (cold; its first page is the cold request of 1.), then again (warm);
  // each pass starts after a full garbage collection in the server (through the memory probe), so no
  // pass pays for the garbage of the phase before it (the edits, or another pass)
  await api.handle.memory();
  const cold = await profiled(api, `cold-${stage.edits}`, () => allPages(api, setup, token));
  await api.handle.memory();
  const warm = await profiled(api, `warm-${stage.edits}`, () => allPages(api, setup, token));
  // the same pages without liveAnchor: what the rest of the board costs
  await api.handle.memory();
  const control = await profiled(api, `control-${stage.edits}`, () => allPages(api, setup, token, BOARD_WITHOUT_LIVE));
  const pages = cold.cursors.length;
  // 1. random pages, one at a time
  const rng = new Prng(SEED * 104_729 + stage.edits);
  const random = [];
  const slowest = [];
  const randomStarted = performance.now();
  let pageErrors = 0;
  while (random.length < P.pageRequests && performance.now() - randomStarted < P.pageBudgetMs) {
    const page = rng.int(0, pages - 1);
    const result = await gqlRaw(api.base, BOARD, { id: setup.periodId, after: cold.cursors[page] }, token);
    if (result.errors?.length) pageErrors += 1;
    random.push(result.ms);
    slowest.push({ page: page + 1, ms: result.ms });
  }
  slowest.sort((a, b) => b.ms - a.ms);
  const randomSeconds = (performance.now() - randomStarted) / 1000;
  const controlPages = [];
  for (let i = 0; i < CONTROL_REQUESTS; i += 1) controlPages.push((await gqlRaw(api.base, BOARD_WITHOUT_LIVE, { id: setup.periodId, after: cold.cursors[rng.int(0, pages - 1)] }, token)).ms);
  // 3. the probe alone, then while three facilitators page through
  const alone = await probeWhile(api, setup, P.probeMs);
  const loaded = await probeWhile(api, setup, P.loadedMs, threeFacilitators(api, setup));
  // and while they page through the board without liveAnchor: what live anchors add to that
  const loadedWithoutLive = await probeWhile(api, setup, P.loadedMs, threeFacilitators(api, setup, BOARD_WITHOUT_LIVE));
  const rss = rssKb(api.pid);
  const result = {
    edits: stage.edits,
    pages,
    comments: cold.comments,
    coldFirstMs: cold.latencies[0],
    coldPass: { cpuSeconds: cold.cpuSeconds, wallSeconds: cold.wallSeconds, ...summary(cold.latencies) },
    warmPass: { cpuSeconds: warm.cpuSeconds, wallSeconds: warm.wallSeconds, ...summary(warm.latencies) },
    controlPass: { cpuSeconds: control.cpuSeconds, wallSeconds: control.wallSeconds, ...summary(control.latencies) },
    page: { ...summary(random), seconds: randomSeconds, errors: pageErrors, slowest: slowest.slice(0, 5) },
    pageWithoutLiveAnchor: summary(controlPages),
    probe: { alone, loaded, loadedWithoutLive },
    statuses: cold.statuses,
    statusesStable: JSON.stringify(cold.statuses) === JSON.stringify(warm.statuses),
    errors: [...cold.errors, ...warm.errors].slice(0, 5),
    rssMiB: rss / 1024,
    otherLoad: monitor.between(from, performance.now()),
  };
  log(`  ${api.label} after ${stage.edits} edits: cold first page ${fmt(result.coldFirstMs, 0)} ms; page p50 ${fmt(result.page.p50, 1)} / p99 ${fmt(result.page.p99, 1)} ms (${result.page.n} requests); all ${result.comments}: ${fmt(cold.cpuSeconds, 2)} s CPU cold, ${fmt(warm.cpuSeconds, 2)} s warm; probe p99 ${fmt(alone.graphql.p99, 1)} → ${fmt(loaded.graphql.p99, 1)} ms (${loaded.load.pages} pages served meanwhile); ${STATUSES.map((s) => `${s} ${result.statuses[s]}`).join(', ')}, none ${result.statuses.none}`);
  if (result.errors.length || pageErrors || alone.errors || loaded.errors || loaded.load.errors) log(`  ${api.label}: ERRORS: ${JSON.stringify(result.errors).slice(0, 800)}; random-page errors ${pageErrors}; probe errors ${alone.errors}/${loaded.errors}; loaded-page errors ${loaded.load.errors}`);
  if (!result.statusesStable) log(`  ${api.label}: the status mix differs between the cold and the warm pass: ${JSON.stringify(cold.statuses)} vs ${JSON.stringify(warm.statuses)}`);
  return result;
}

// ---------------------------------------------------------------- the run

export async function run({ log }) {
  const suiteStarted = performance.now();
  const machine = machineInfo();
  const source = sourceInfo(root);
  const target = await postgresTarget();
  const baselineRoot = process.env.BENCH_ANCHORS_BASELINE ? resolve(process.env.BENCH_ANCHORS_BASELINE) : null;
  if (baselineRoot && !existsSync(join(baselineRoot, 'dist/apps/api/src/main.js'))) throw new Error(`BENCH_ANCHORS_BASELINE=${baselineRoot} holds no dist/apps/api/src/main.js (build it there first)`);
  const baselineSource = baselineRoot ? sourceInfo(baselineRoot) : null;
  log(`machine: ${describeMachine(machine)}`);
  log(`source: ${describeSource(source)}${baselineRoot ? `; baseline: ${baselineRoot} at ${describeSource(baselineSource)}` : ''}`);
  log(target ? `storage: PostgreSQL at ${new URL(target.url).host} (fsync=${target.fsync}, synchronous_commit=${target.synchronous_commit})` : 'storage: embedded PGlite');
  const monitor = new OtherLoadMonitor().start();
  onCleanup(() => monitor.stop());

  // the draft
  const draft = buildRealDraft(root, { minWords: P.minWords });
  log(`draft: ${fmt(draft.words)} words of real prose, ${fmt(draft.markdown.length)} characters of Markdown, from ${draft.parts.map((p) => `${p.name.replace(/ \(.*$/, '')} (${fmt(p.words)}${p.extra ? ', added to pass the word target' : ''})`).join('; ')}`);

  // the servers
  const dist = await snapshotDist();
  const subjects = [{ key: 'ours', label: 'Intersessional', main: join(dist, 'apps/api/src/main.js'), cwd: root }];
  if (baselineRoot) subjects.push({ key: 'baseline', label: 'Baseline', main: join(baselineRoot, 'dist/apps/api/src/main.js'), cwd: baselineRoot });
  const apis = [];
  for (const subject of subjects) apis.push(await startApi({ ...subject, target, log }));

  // set-up: the same period, comments and (later) edits on every server
  const runs = [];
  let plans = null;
  for (const api of apis) {
    const setup = await setUpPeriod(api, draft.markdown, log);
    const numbered = setup.paragraphs.filter((p) => p.number > 0);
    const words = setup.paragraphs.reduce((n, p) => n + countWords(p.text), 0);
    log(`  ${api.label}: the version has ${numbered.length} numbered paragraphs (and ${setup.paragraphs.length - numbered.length} headings), ${fmt(words)} words`);
    if (!plans) plans = { paragraphs: setup.paragraphs, list: planComments(setup.paragraphs, P.commenters * P.commentsEach, new Prng(SEED)) };
    else if (JSON.stringify(plans.paragraphs) !== JSON.stringify(setup.paragraphs)) throw new Error(`${api.label}: the version's paragraphs differ from ${apis[0].label}'s: the comments would not be the same`);
    const submission = await submitComments(api, setup, plans.list, log);
    await restartInProduction(api, log);
    runs.push({ api, setup, submission, editor: new Editor(api, setup), stages: [], versionParagraphs: numbered.length, versionWords: words });
  }
  const shapes = {};
  for (const plan of plans.list) shapes[plan.shape] = (shapes[plan.shape] ?? 0) + 1;

  // the drafting week, stage by stage; the servers take turns, the order alternating
  try {
    for (const [s, edits] of P.stages.entries()) {
      log(`\nstage ${s + 1}: ${edits} edits in all`);
      const stage = { edits };
      const stored = [];
      for (const r of runs) stored.push({ ...(await r.editor.editUntil(edits, log)), cpuAtStored: cpuSeconds(r.api.pid) });
      if (new Set(stored.map((x) => x.fingerprint)).size > 1) throw new Error('the servers hold different texts after the same edits');
      const compaction = await Promise.all(runs.map((r) => waitForCompaction(r.api, r.setup.documentId, log)));
      const order = s % 2 === 0 ? runs : [...runs].reverse();
      for (const r of order) {
        const i = runs.indexOf(r);
        // server CPU from the edits being stored to the first read: compaction, and our background refresh
        const betweenCpuSeconds = cpuSeconds(r.api.pid) - stored[i].cpuAtStored;
        const measured = await measureStage(r.api, r.setup, stage, monitor, log);
        r.stages[s] = { ...measured, betweenCpuSeconds, editSeconds: stored[i].editSeconds, fingerprint: stored[i].fingerprint, compaction: compaction[i] };
      }
    }
  } finally {
    for (const r of runs) r.editor.close();
  }
  monitor.stop();

  const serverNotes = runs.map((r) => {
    const lines = r.api.handle.output.filter((line) => /error|warn|fail/i.test(line));
    return { label: r.api.label, lines: lines.length, sample: [...new Set(lines.map((l) => l.slice(0, 300)))].slice(0, 5), closes: Object.fromEntries(r.editor.closes) };
  });
  for (const note of serverNotes) if (note.lines) log(`  ${note.label} printed ${note.lines} warning/error line(s), e.g. ${note.sample.join(' | ')}`);
  const seconds = (performance.now() - suiteStarted) / 1000;
  const data = {
    quick: QUICK,
    seed: SEED,
    parameters: { ...P, pageSize: PAGE_SIZE, probeEveryMs: PROBE_EVERY_MS, facilitators: FACILITATORS, editsPerSecond: EDITS_PER_SECOND, inFlight: IN_FLIGHT },
    machine,
    source,
    baseline: baselineRoot ? { root: baselineRoot, source: baselineSource } : null,
    storage: target ? { version: target.version, fsync: target.fsync, synchronous_commit: target.synchronous_commit } : 'pglite',
    serverMode: runs[0].api.mode,
    draft: { words: draft.words, markdownCharacters: draft.markdown.length, parts: draft.parts, versionParagraphs: runs[0].versionParagraphs, versionWords: runs[0].versionWords },
    comments: { count: plans.list.length, shapes },
    edits: { kinds: runs[0].editor.kinds, client: 'y-websocket WebsocketProvider (ws polyfill)' },
    runs: runs.map((r) => ({ key: r.api.key, label: r.api.label, submission: r.submission, stages: r.stages })),
    serverNotes,
    otherLoad: monitor.between(suiteStarted, performance.now()),
    seconds,
  };
  const markdown = render(data);
  return { markdown, text: markdown, data };
}

// ---------------------------------------------------------------- the report

function render(data) {
  const [ours, base] = data.runs;
  const ms = (v) => fmt(v, v < 10 ? 1 : 0);
  const cpu = (v) => fmt(v, 2);
  const row = (label, pick, format, target = '') => {
    const a = pick(ours);
    const cells = [label, format(a)];
    if (base) {
      const b = pick(base);
      cells.push(format(b), ratio(a, b));
    }
    cells.push(target);
    return cells;
  };
  const headers = base ? ['', 'Intersessional', 'baseline', 'ours ÷ baseline', 'target'] : ['', 'Intersessional', 'target'];
  const stageTables = data.parameters.stages.map((edits, s) => {
    const at = (r) => r.stages[s];
    const rows = [
      row('Server CPU s between the edits being stored and the first read (compaction; ours also refreshes boards read before, in the background)', (r) => at(r).betweenCpuSeconds, cpu),
      row('First page after the edits (cold), ms', (r) => at(r).coldFirstMs, ms),
      row(`Page of ${PAGE_SIZE}, p50 ms (${at(ours).page.n} random pages, one at a time)`, (r) => at(r).page.p50, ms),
      row(`Page of ${PAGE_SIZE}, p99 ms`, (r) => at(r).page.p99, ms, '< 50'),
      row(`  the same page without liveAnchor, p50 ms (${at(ours).pageWithoutLiveAnchor.n} requests)`, (r) => at(r).pageWithoutLiveAnchor.p50, ms),
      row(`All ${fmt(at(ours).comments)} (${at(ours).pages} pages), server CPU s, cold`, (r) => at(r).coldPass.cpuSeconds, cpu, '< 1'),
      row(`All ${fmt(at(ours).comments)}, server CPU s, warm`, (r) => at(r).warmPass.cpuSeconds, cpu, '< 1'),
      row(`  the same pages without liveAnchor, server CPU s`, (r) => at(r).controlPass?.cpuSeconds, cpu),
      row(`  what live anchors add, server CPU s: cold`, (r) => at(r).coldPass.cpuSeconds - at(r).controlPass?.cpuSeconds, cpu, '< 1'),
      row(`  what live anchors add, server CPU s: warm`, (r) => at(r).warmPass.cpuSeconds - at(r).controlPass?.cpuSeconds, cpu, '< 1'),
      row(`All ${fmt(at(ours).comments)}, wall time s, cold`, (r) => at(r).coldPass.wallSeconds, (v) => fmt(v, 2)),
      row(`All ${fmt(at(ours).comments)}, wall time s, warm`, (r) => at(r).warmPass.wallSeconds, (v) => fmt(v, 2)),
      row('Probe (period title, GraphQL), p50 ms, alone', (r) => at(r).probe.alone.graphql.p50, ms),
      row('Probe (GraphQL), p50 ms, 3 facilitators paging', (r) => at(r).probe.loaded.graphql.p50, ms),
      row('Probe (GraphQL), p99 ms, alone', (r) => at(r).probe.alone.graphql.p99, ms),
      row('Probe (GraphQL), p99 ms, 3 facilitators paging', (r) => at(r).probe.loaded.graphql.p99, ms),
      row('  p99 loaded ÷ alone', (r) => at(r).probe.loaded.graphql.p99 / at(r).probe.alone.graphql.p99, (v) => `${fmt(v, 2)}×`),
      row('Probe (GraphQL), p99 ms, 3 facilitators paging without liveAnchor', (r) => at(r).probe.loadedWithoutLive?.graphql.p99, ms),
      row('  p99 with ÷ without live anchors', (r) => at(r).probe.loaded.graphql.p99 / at(r).probe.loadedWithoutLive?.graphql.p99, (v) => `${fmt(v, 2)}×`, '≈ 1×'),
      row('Probe (GET /health), p50 ms, alone', (r) => at(r).probe.alone.health.p50, ms),
      row('Probe (GET /health), p50 ms, 3 facilitators paging', (r) => at(r).probe.loaded.health.p50, ms),
      row('Probe (GET /health), p99 ms, alone', (r) => at(r).probe.alone.health.p99, ms),
      row('Probe (GET /health), p99 ms, 3 facilitators paging', (r) => at(r).probe.loaded.health.p99, ms),
      row('  p99 loaded ÷ alone', (r) => at(r).probe.loaded.health.p99 / at(r).probe.alone.health.p99, (v) => `${fmt(v, 2)}×`),
      row('Probe (GET /health), p99 ms, 3 facilitators paging without liveAnchor', (r) => at(r).probe.loadedWithoutLive?.health.p99, ms),
      row('  p99 with ÷ without live anchors', (r) => at(r).probe.loaded.health.p99 / at(r).probe.loadedWithoutLive?.health.p99, (v) => `${fmt(v, 2)}×`, '≈ 1×'),
      row(`Pages served to the 3 facilitators in ${fmt(data.parameters.loadedMs / 1000)} s (more is better)`, (r) => at(r).probe.loaded.load.pages, (v) => fmt(v)),
      row('  their pages, p50 ms', (r) => at(r).probe.loaded.load.p50, ms),
      row('  their pages, p99 ms', (r) => at(r).probe.loaded.load.p99, ms),
      row('Server RSS afterwards, MiB', (r) => at(r).rssMiB, (v) => fmt(v)),
    ];
    const mixHeaders = ['status', ...data.runs.map((r) => r.label)];
    const mix = [...STATUSES, 'none'].map((status) => [status === 'none' ? 'no live anchor' : status, ...data.runs.map((r) => fmt(at(r).statuses[status]))]).filter((cells, i) => i < STATUSES.length || cells.slice(1).some((c) => c !== '0'));
    const slow = data.runs.map((r) => `${r.label}: ${at(r).page.slowest.map((x) => `page ${x.page} ${ms(x.ms)} ms`).join(', ')}`).join('; ');
    const compacted = data.runs.map((r) => `${r.label} ${at(r).compaction.rowsBefore ?? 'n/a'} → ${at(r).compaction.rows ?? 'n/a'} log rows`).join(', ');
    return `### After ${fmt(edits)} edits

${table(headers, rows)}

Status of the ${fmt(at(ours).comments)} live anchors (from the cold pass; the warm pass gave ${data.runs.every((r) => at(r).statusesStable) ? 'the same' : 'a DIFFERENT'} mix; MOVED is the same text at another paragraph number or offset):

${table(mixHeaders, mix)}

Slowest random pages: ${slow}. Update log before → after compaction: ${compacted}. Other processes used ${data.runs.map((r) => `${fmt(at(r).otherLoad, 2)} cores while ${r.label} was measured`).join(', ')}.`;
  });

  const d = data.draft;
  const kinds = Object.entries(data.edits.kinds).map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
  const shapes = Object.entries(data.comments.shapes).map(([k, n]) => `${k} ${fmt(n)}`).join(', ');
  const database = data.storage === 'pglite' ? 'the embedded PGlite database' : `PostgreSQL (${data.storage.version.split(',')[0]}, fsync=${data.storage.fsync}, synchronous_commit=${data.storage.synchronous_commit}), a fresh database per server`;
  const baselineLine = data.baseline
    ? `The baseline is ${describeSource(data.baseline.source)} (\`BENCH_ANCHORS_BASELINE=${data.baseline.root}\`), run side by side with the same seed, draft, comments and edits; the two servers take turns stage by stage (the order alternating), and "ours ÷ baseline" below 1× means ours is faster or lighter.`
    : 'No baseline this run (`BENCH_ANCHORS_BASELINE` names another built checkout to compare with).';
  const submission = data.runs.map((r) => `${r.label} ${fmt(r.submission.perSecond)}/s`).join(', ');
  const notes = data.serverNotes.map((n) => `${n.label}: ${n.lines ? `${n.lines} warning/error line(s), e.g. \`${n.sample[0].replace(/`/g, "'").slice(0, 200)}\`` : 'no warnings or errors'}${Object.keys(n.closes).length ? `; editor socket closes ${JSON.stringify(n.closes)}` : ''}`).join('; ');
  const quick = data.quick ? '\n\n**BENCH_QUICK=1: reduced sizes, figures not for comparison.**' : '';
  return `## Live anchors on a real draft (answer board)

What is measured: the facilitators' answer board (\`commentPeriod.comments\`, ${PAGE_SIZE} per page, each with \`liveAnchor { status text startParagraph endParagraph }\`) on a 60-page draft of real prose after a drafting week of edits through y-websocket. Targets (issue 11): a page of ${PAGE_SIZE} under 50 ms at p99; all ${fmt(data.comments.count)} comments in under 1 s of server CPU; other requests' p99 unchanged while three facilitators page through. Each server is set up in development mode (the demo Secretariat makes the workstream) and measured in ${data.serverMode} mode${data.serverMode === 'production' ? ', restarted on the same database, as it is deployed' : ' (the embedded database is development-only)'}.${quick}

Measured by \`node --expose-gc bench/run.mjs anchors\` on ${describeMachine(data.machine)}, building ${describeSource(data.source)}, on ${database}, in ${fmt(data.seconds / 60, 1)} minutes. ${baselineLine}

**Scenario** (seed ${data.seed}, set up through the GraphQL API as users would). The draft: ${fmt(d.words)} words of real prose, ${d.versionParagraphs} numbered paragraphs in the frozen version (${fmt(d.versionWords)} words), Markdown built from ${d.parts.map((p) => `${p.name.replace(/ \(.*$/, '')}${p.extra ? ' (added to pass 30,000 words)' : ''}`).join(', ')} (licenses read from /usr/share/common-licenses at run time, one paragraph per block, Markdown syntax escaped). A BPF with ${FACILITATORS} facilitators creates the public document, freezes a version and opens a comment period on it; ${fmt(data.parameters.commenters)} registered people submit ${fmt(data.comments.count)} comments (${data.parameters.commentsEach} each, ${IN_FLIGHT} in flight: ${submission}) on passages chosen in proportion to the text: ${shapes}. An editor then edits the live draft through a stock y-websocket \`WebsocketProvider\` (Node, \`ws\`) at ${EDITS_PER_SECOND} edits/s, as plain Yjs operations on the \`default\` fragment: ${kinds} (${fmt(data.parameters.stages.at(-1))} in all; a cut and paste deletes a top-level paragraph and inserts a new one with the same text and block id elsewhere, nearby or anywhere). Before measuring, a second fresh client must hold the editor's exact state (every edit stored), and once the update log holds more than ${COMPACT_THRESHOLD} rows the compactor (every 30 s) must have folded it into the snapshot, as it would have during a week.

**Measurements**, after ${data.parameters.stages.map((n) => fmt(n)).join(' and after ')} edits: the first request after the edits (cold: the first read since they were stored, once the compactor has run, so at least 30 s later) starts a pass over all pages in order (server CPU from \`/proc/<pid>/stat\`). Our server keeps a board that was read in the last hour up to date in the background once editing pauses: in the first stage nothing had read the board before the edits, so its cold pass computes everything; in later stages the board was read in the stage before, so the refresh has already run, and its CPU is counted in the row "between the edits being stored and the first read" (with the compaction's, which both servers do). Then comes a second pass (warm); then ${data.parameters.pageRequests} requests for random pages (seeded, by cursor), one at a time, for p50/p99, and ${CONTROL_REQUESTS} for the same query without \`liveAnchor\` (what the rest of the page costs); then a probe every ${PROBE_EVERY_MS} ms (the period's title over GraphQL, anonymous, and \`GET /health\`, each not waiting for the previous) for ${fmt(data.parameters.probeMs / 1000)} s alone and for ${fmt(data.parameters.loadedMs / 1000)} s while the ${FACILITATORS} facilitators page through all pages at once, over and over, and as long again while they page through the same board without \`liveAnchor\` (what paging costs the server anyway, so that "unchanged" compares like with like: the probe's p99 with live anchors ÷ without). All pages are also read once without \`liveAnchor\`: the difference in server CPU is what live anchors add. Each of these three passes starts after a full garbage collection in the server (requested through the bench's memory probe), so none pays for the garbage left by the phase before it. The first stage's cold request is also the first time the server projects anchors at all (its code not yet optimised by V8).

${stageTables.join('\n\n')}

Server output: ${notes}. Other processes on the machine used ${fmt(data.otherLoad, 2)} cores on average over the run (out of ${data.machine.cores}); two cores are shared by the server under test, the bench and PostgreSQL, so compare ratios rather than absolute figures on a busy machine.`;
}
