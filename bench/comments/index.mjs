// Public comment periods: comment submission throughput through the GraphQL API, and reading a busy
// paragraph with 100,000 comments. No peer runs here (Decidim and Consul are Ruby applications, the old
// IGF review platform a WordPress plugin), so each figure stands next to a baseline measured in the
// same run on the same database: a bare INSERT for submission, OFFSET pagination (how paragraph-comment
// plugins page) for reading.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createThrowawayDatabase, postgresTarget } from '../lib/postgres.mjs';
import { freePort, nodeArgsWithProbe, onCleanup, rssKb, startChild, waitForHttp } from '../lib/processes.mjs';
import { describeMachine, describeSource, fmt, machineInfo, ratio, sourceInfo, table } from '../lib/report.mjs';
import { median, percentile } from '../lib/stats.mjs';
import { gql } from '../lib/api.mjs';
import { serverEnv } from '../lib/api-server.mjs';

export const title = 'Public comment periods: submission throughput and a busy paragraph';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const COMMENTERS = QUICK ? 10 : 100;
const COMMENTS_EACH = QUICK ? 5 : 20; // the per-account limit is 30 per 10 minutes
const IN_FLIGHT = 16;
const BUSY = QUICK ? 10_000 : 100_000;
const READS = QUICK ? 20 : 100;
const PASSWORD = 'igf-demo-passphrase-2026';

/** Runs `tasks` with at most `limit` in flight; returns each task's duration in ms. */
async function timed(tasks, limit) {
  const durations = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      const started = performance.now();
      await task();
      durations.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return durations;
}

/** Starts the API in development mode on a throwaway database (the demo workstream and its open period). */
async function startServer(target, log) {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-comments-'));
  onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const db = target ? await createThrowawayDatabase(target, 'comments') : null;
  const server = { port, dataDir, db, base: `http://127.0.0.1:${port}`, handle: null, mode: 'development' };
  server.handle = startChild('Intersessional', process.execPath, nodeArgsWithProbe(join(root, 'dist/apps/api/src/main.js')), { cwd: root, env: serverEnv({ port, dataDir, db, production: false }) });
  onCleanup(() => server.handle.stop());
  await waitForHttp(`${server.base}/health`, server.handle, 60_000);
  log(`  server up on ${server.base}${db ? ` (PostgreSQL ${db.name})` : ' (embedded PGlite)'}`);
  return server;
}

/**
 * Measured as deployed: restarted on the same database in production mode (GraphQL and the framework
 * skip their development checks). The embedded database is development-only, so without PostgreSQL the
 * server stays in development mode.
 */
async function restartInProduction(server, log) {
  if (!server.db) return;
  await server.handle.stop();
  server.handle = startChild('Intersessional', process.execPath, nodeArgsWithProbe(join(root, 'dist/apps/api/src/main.js')), { cwd: root, env: serverEnv({ port: server.port, dataDir: server.dataDir, db: server.db, production: true }) });
  await waitForHttp(`${server.base}/health`, server.handle, 60_000);
  server.mode = 'production';
  log(`  restarted in production mode (pid ${server.handle.pid})`);
}

export async function run({ log }) {
  const machine = machineInfo();
  const source = sourceInfo(root);
  const target = await postgresTarget();
  const server = await startServer(target, log);
  const { base, db } = server;
  const sql = db ? new pg.Client({ connectionString: db.url }) : null;
  await sql?.connect();
  onCleanup(() => sql?.end().catch(() => undefined));

  const amina = (await gql(base, `mutation { signIn(input: { email: "amina@demo.intersessional.org", password: "${PASSWORD}" }) { accessToken } }`)).signIn.accessToken;
  const periodId = (
    await gql(base, `{ workstreams(first: 5, filter: { kind: BPF }) { edges { node { commentPeriods(first: 1) { edges { node { id } } } } } } }`, {}, amina)
  ).workstreams.edges[0].node.commentPeriods.edges[0].node.id;

  // ---- submission throughput ----
  log(`  registering ${COMMENTERS} commenters`);
  const tokens = [];
  await timed(
    Array.from({ length: COMMENTERS }, (_, i) => async () => {
      const data = await gql(base, `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`, {
        input: { email: `bench-${i}-${Date.now()}@example.org`, password: PASSWORD, displayName: `Commenter ${i}`, country: ['KE', 'BR', 'DE', 'IN', 'JP'][i % 5], stakeholderGroup: ['CIVIL_SOCIETY', 'GOVERNMENT', 'PRIVATE_SECTOR', 'ACADEMIA', 'TECHNICAL_COMMUNITY'][i % 5] },
      });
      tokens.push(data.register.accessToken);
    }),
    4,
  );
  await restartInProduction(server, log);
  const SUBMIT = `mutation($input: SubmitCommentInput!) { submitComment(input: $input) { id state } }`;
  const submissions = [];
  for (let round = 0; round < COMMENTS_EACH; round += 1) {
    tokens.forEach((token, i) =>
      submissions.push(() =>
        gql(base, SUBMIT, {
          input: {
            periodId,
            language: 'en',
            speakingFor: 'PERSONAL',
            consentToPublish: true,
            anchor: round % 3 === 0 ? { kind: 'DOCUMENT' } : round % 3 === 1 ? { kind: 'PARAGRAPHS', fromParagraph: 1 + ((i + round) % 10) } : { kind: 'RANGE', start: { paragraph: 4, offset: 0 }, end: { paragraph: 4, offset: 17 } },
            body: `Comment ${round} from commenter ${i}: the draft should say more about paragraph ${(i + round) % 10}.`,
          },
        }, token),
      ),
    );
  }
  log(`  submitting ${submissions.length} comments, ${IN_FLIGHT} in flight`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const latencies = await timed(submissions, IN_FLIGHT);
  const seconds = (performance.now() - started) / 1000;
  void cpuBefore;

  // baseline: the same number of bare INSERTs of a comment row, one per transaction, same concurrency
  let insertRate = null;
  let insertLatencies = [];
  if (db) {
    const pool = new pg.Pool({ connectionString: db.url, max: IN_FLIGHT });
    const [{ author }] = (await sql.query(`SELECT author_id AS author FROM comments WHERE author_id IS NOT NULL LIMIT 1`)).rows;
    const insertStarted = performance.now();
    insertLatencies = await timed(
      submissions.map((_, i) => () =>
        pool.query(
          `INSERT INTO comments (period_id, author_id, commenter_name, stakeholder_group, speaking_for, official, body, body_format, language, consent_to_publish, anchor_kind, state, fingerprint)
           VALUES ($1, $2, 'Baseline', 'ACADEMIA', 'PERSONAL', false, $3, 'PLAIN', 'en', true, 'DOCUMENT', 'PUBLISHED', md5($3))`,
          [periodId, author, `baseline ${i}`],
        ),
      ),
      IN_FLIGHT,
    );
    insertRate = submissions.length / ((performance.now() - insertStarted) / 1000);
    await sql.query(`DELETE FROM comments WHERE commenter_name = 'Baseline'`);
    await pool.end();
  }

  // ---- a busy paragraph ----
  const paragraph = 7;
  let seeded = 0;
  if (db) {
    log(`  writing ${BUSY.toLocaleString('en-US')} comments on paragraph ${paragraph}`);
    const [{ author }] = (await sql.query(`SELECT author_id AS author FROM comments WHERE author_id IS NOT NULL LIMIT 1`)).rows;
    for (let from = 1; from <= BUSY; from += 20_000) {
      const to = Math.min(BUSY, from + 19_999);
      await sql.query(
        `WITH inserted AS (
           INSERT INTO comments (period_id, author_id, commenter_name, stakeholder_group, speaking_for, official, body, body_format, language, consent_to_publish,
                                 anchor_kind, start_paragraph, end_paragraph, state, fingerprint, created_at)
           SELECT $1, $2, 'Campaigner ' || g, 'CIVIL_SOCIETY', 'PERSONAL', false, 'Busy paragraph comment number ' || g, 'PLAIN', 'en', true,
                  'PARAGRAPHS', $3, $3, CASE WHEN g % 50 = 0 THEN 'PENDING' ELSE 'PUBLISHED' END, md5(g::text), now() - interval '1 day' + g * interval '1 millisecond'
             FROM generate_series($4::int, $5::int) g
           RETURNING id, created_at, state)
         INSERT INTO comment_paragraphs (period_id, paragraph, created_at, comment_id, public)
         SELECT $1, $3, created_at, id, state = 'PUBLISHED' FROM inserted`,
        [periodId, author, paragraph, from, to],
      );
      seeded = to;
    }
    await sql.query('ANALYZE comments; ANALYZE comment_paragraphs');
  }
  const PAGE = `query($id: ID!, $p: Int!, $after: String) { commentPeriod(id: $id) { paragraphComments(paragraph: $p, first: 20, after: $after) { totalCount edges { cursor node { id body commenter { name organisation } replyCount } } } } }`;
  const COUNTS = `query($id: ID!) { commentPeriod(id: $id) { paragraphs { number commentCount } } }`;
  const deepRow = db
    ? (await sql.query(
        `SELECT created_at, comment_id FROM comment_paragraphs WHERE period_id = $1 AND paragraph = $2 AND public ORDER BY created_at, comment_id OFFSET $3 LIMIT 1`,
        [periodId, paragraph, Math.floor(seeded * 0.9)],
      )).rows[0]
    : null;
  const deepCursor = deepRow ? Buffer.from(JSON.stringify([new Date(deepRow.created_at).toISOString(), deepRow.comment_id])).toString('base64url') : null;
  const measure = async (query, variables) => {
    for (let i = 0; i < 5; i += 1) await gql(base, query, variables); // warm up
    const durations = await timed(Array.from({ length: READS }, () => () => gql(base, query, variables)), 1);
    return { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) };
  };
  log('  reading the busy paragraph');
  const firstPage = await measure(PAGE, { id: periodId, p: paragraph, after: null });
  const deepPage = deepCursor ? await measure(PAGE, { id: periodId, p: paragraph, after: deepCursor }) : null;
  const counts = await measure(COUNTS, { id: periodId });
  const rss = rssKb(server.handle.pid);

  // baseline: the same deep page the way paragraph-comment plugins page, with OFFSET over the comments
  let offsetDeep = null;
  let keysetDeep = null;
  if (db) {
    const offsetSql = `SELECT c.* FROM comments c WHERE c.period_id = $1 AND c.start_paragraph = $2 AND c.state = 'PUBLISHED' ORDER BY c.created_at, c.id OFFSET $3 LIMIT 20`;
    const keysetSql = `SELECT c.* FROM comment_paragraphs cp JOIN comments c ON c.id = cp.comment_id WHERE cp.period_id = $1 AND cp.paragraph = $2 AND cp.public AND (cp.created_at, cp.comment_id) > ($3, $4) ORDER BY cp.created_at, cp.comment_id LIMIT 21`;
    await sql.query(`CREATE INDEX IF NOT EXISTS bench_offset_idx ON comments (period_id, start_paragraph, created_at, id)`);
    const time = async (text, params) => {
      for (let i = 0; i < 3; i += 1) await sql.query(text, params);
      const durations = await timed(Array.from({ length: READS }, () => () => sql.query(text, params)), 1);
      return median(durations);
    };
    offsetDeep = await time(offsetSql, [periodId, paragraph, Math.floor(seeded * 0.9)]);
    keysetDeep = await time(keysetSql, [periodId, paragraph, deepRow.created_at, deepRow.comment_id]);
  }

  const submitRate = submissions.length / seconds;
  const rows = {
    submission: [
      ['Comments accepted per second (API, 16 in flight)', fmt(submitRate), insertRate ? fmt(insertRate) : 'n/a', ratio(submitRate, insertRate)],
      ['Latency p50, ms', fmt(percentile(latencies, 50), 1), insertLatencies.length ? fmt(percentile(insertLatencies, 50), 1) : 'n/a', ratio(percentile(latencies, 50), percentile(insertLatencies, 50))],
      ['Latency p95, ms', fmt(percentile(latencies, 95), 1), insertLatencies.length ? fmt(percentile(insertLatencies, 95), 1) : 'n/a', ratio(percentile(latencies, 95), percentile(insertLatencies, 95))],
      ['Latency p99, ms', fmt(percentile(latencies, 99), 1), insertLatencies.length ? fmt(percentile(insertLatencies, 99), 1) : 'n/a', ratio(percentile(latencies, 99), percentile(insertLatencies, 99))],
    ],
    reading: [
      ['First page (20 comments, totalCount, replyCount), p50 ms', fmt(firstPage.p50, 1)],
      ['First page, p95 ms', fmt(firstPage.p95, 1)],
      ['Page at 90% depth (keyset cursor), p50 ms', deepPage ? fmt(deepPage.p50, 1) : 'n/a'],
      ['Page at 90% depth, p95 ms', deepPage ? fmt(deepPage.p95, 1) : 'n/a'],
      ['All paragraphs with their comment counts, p50 ms', fmt(counts.p50, 1)],
      ['All paragraphs with their comment counts, p95 ms', fmt(counts.p95, 1)],
      ['Server RSS after the reads, MiB', fmt(rss / 1024, 1)],
    ],
    sql: [['Page at 90% depth, SQL only, median ms', fmt(keysetDeep, 2), fmt(offsetDeep, 2), ratio(keysetDeep, offsetDeep)]],
  };
  const database = db ? `PostgreSQL (${target.version.split(',')[0]}, fsync=${target.fsync}, synchronous_commit=${target.synchronous_commit}), a fresh database` : 'the embedded PGlite database (no SQL baselines)';
  const markdown = `## Public comment periods

Measured by \`npm run bench\` (suite \`comments\`) on ${describeMachine(machine)}, building ${describeSource(source)}.
The API (\`dist/apps/api/src/main.js\`, one process) ran on ${database}, in ${server.mode} mode${server.mode === 'production' ? ' (set up in development mode with the demo data, then restarted on the same database, as it is deployed)' : ' (the embedded database is development-only)'}.

No named peer runs on this machine (Decidim and Consul are Ruby on Rails applications, the old review
platform a WordPress plugin), so each figure stands next to a baseline measured in the same run on the
same database: a bare \`INSERT\` of a comment row for submission, and \`OFFSET\` pagination (how
paragraph-comment plugins page) for a deep page.

**Submission.** ${COMMENTERS} registered commenters each submit ${COMMENTS_EACH} comments through \`submitComment\`
(a third on the whole document, a third on a paragraph, a third on a text range with quote and Yjs
positions), ${IN_FLIGHT} requests in flight, ${fmt(submissions.length)} comments in ${fmt(seconds, 1)} s. Each request authenticates,
checks the period's window and the rate limits, builds the anchor against the frozen version, then hands
the comment to the period's writer, which checks for repeated text and writes the comment, its paragraph
index rows, the facilitators' notifications and the record's entry; submissions that arrive while a write
is under way are written together in the next transaction (group commit). The load generator (node:http on
kept-alive sockets, about 0.3 ms of CPU a request) runs on the same machine as the server and the database. The baseline inserts the same number of bare comment rows,
one per transaction, with the same concurrency, straight into PostgreSQL.

${table(['', 'Intersessional API', 'bare INSERT', 'ratio API/INSERT'], rows.submission)}

**A busy paragraph.** ${fmt(seeded)} comments on paragraph ${paragraph} (2% of them waiting for moderation, so the public
count differs from the row count), written straight to the tables. Reads are public (anonymous), one at a
time, ${READS} of each after a warm-up.

${table(['', 'Intersessional API'], rows.reading)}

The same deep page in SQL alone, the keyset query the API runs against \`OFFSET\` over an index on
(period, paragraph, time, id):

${table(['', 'keyset (ours)', 'OFFSET', 'ratio keyset/OFFSET'], rows.sql)}
`;
  return { markdown, text: markdown, data: { submitRate, insertRate, latencies: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) }, firstPage, deepPage, counts, keysetDeep, offsetDeep, seeded, rssKb: rss } };
}
