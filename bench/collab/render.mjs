// Tables and text of the collab suite, for the terminal and for docs/benchmarks.md.
import { describeMachine, describeSource, fmt, ratio, table } from '../lib/report.mjs';
import { median } from '../lib/stats.mjs';

const I = 'intersessional';
const Y = 'y-websocket';
const H = 'hocuspocus';
const KEYS = [I, Y, H];

/** One step of the read-along run of `k`, when it succeeded. */
function readAlongStep(R, k, readers) {
  return R[k].readAlong?.steps?.find((x) => x.readers === readers && x.ok) ?? null;
}

/** Median over the successful repetitions of one figure. */
function med(runs, pick) {
  const values = (runs ?? []).filter((r) => r?.ok).map(pick).filter((v) => Number.isFinite(v));
  return values.length ? median(values) : NaN;
}

function per(fn) {
  return Object.fromEntries(KEYS.map((k) => [k, fn(k)]));
}

function row(label, values, digits) {
  const [a, b, c] = KEYS.map((k) => values[k]);
  return [label, fmt(a, digits), fmt(b, digits), fmt(c, digits), ratio(a, b), ratio(a, c)];
}

function textRow(label, values) {
  return [label, ...KEYS.map((k) => values[k]), '', ''];
}

const pct = (share) => share * 100;

export function render(data) {
  const { results: R, parameters: P } = data;
  const headers = ['', ...data.subjects.map((s) => s.label), 'ratio Intersessional/y-websocket', 'ratio Intersessional/Hocuspocus'];
  const T = P.throughput;
  const L = P.latency;
  const D = P.documents;
  const C = P.connections;
  const RA = P.readAlong;
  const DS = P.draftingSeason;
  const J = P.joinStorm;
  const totalUpdates = T.documents * T.writers * T.updates;
  const eachRun = (runs, pick, digits) => (runs ?? []).map((r) => (r?.ok ? fmt(pick(r), digits) : 'failed')).join(' / ') || 'n/a';

  const fig = {
    rate: per((k) => med(R[k].throughput, (r) => r.updatesPerSecond)),
    seconds: per((k) => med(R[k].throughput, (r) => r.seconds)),
    single: per((k) => med(R[k].singleDocument, (r) => r.updatesPerSecond)),
    cpu: per((k) => med(R[k].throughput, (r) => (r.serverCpuSeconds / r.updates) * 1e6)),
    pgCpu: per((k) => med(R[k].throughput, (r) => (r.postgresCpuSeconds === null || r.postgresCpuSeconds === undefined ? NaN : (r.postgresCpuSeconds / r.updates) * 1e6))),
    p50: per((k) => med(R[k].latency, (r) => r.p50)),
    p95: per((k) => med(R[k].latency, (r) => r.p95)),
    p99: per((k) => med(R[k].latency, (r) => r.p99)),
    max: per((k) => med(R[k].latency, (r) => r.max)),
  };
  const d = (k) => (R[k].documents?.before ? R[k].documents : null);
  const c = (k) => (R[k].connections?.before ? R[k].connections : null);
  const dv = (pick) => per((k) => (d(k) ? pick(d(k)) : NaN));
  const cv = (pick) => per((k) => (c(k) ? pick(c(k)) : NaN));

  const throughputTable = table(headers, [
    row(`Updates/s delivered to observers, ${T.documents} documents (median of ${P.repetitions})`, fig.rate, 0),
    row(`Time for ${fmt(totalUpdates)} updates, s`, fig.seconds, 2),
    textRow('Each run, updates/s', per((k) => eachRun(R[k].throughput, (r) => r.updatesPerSecond, 0))),
    row(`Updates/s, one document with ${P.singleDocument.writers} typists (median of ${P.repetitions})`, fig.single, 0),
    row('Server process CPU per update, µs', fig.cpu, 0),
    row('PostgreSQL CPU per update, µs (all local postgres processes)', fig.pgCpu, 0),
  ]);
  const latencyTable = table(headers, [
    row('p50, ms', fig.p50, 2),
    row('p95, ms', fig.p95, 2),
    row('p99, ms', fig.p99, 2),
    row('max, ms', fig.max, 1),
    textRow('p99 of each run, ms', per((k) => eachRun(R[k].latency, (r) => r.p99, 2))),
  ]);
  const documentsTable = table(headers, [
    row('Heap + external after full GC, before, MiB', dv((x) => x.before.liveKb / 1024), 1),
    row(`Heap + external after full GC, ${D.documents} documents open, MiB`, dv((x) => x.open.liveKb / 1024), 1),
    row('Heap + external per open document, KiB', dv((x) => x.liveKbPerDocument), 1),
    row('RSS before, MiB', dv((x) => x.before.rssKb / 1024), 1),
    row(`RSS with ${D.documents} documents open, MiB`, dv((x) => x.open.rssKb / 1024), 1),
    row('RSS per open document, KiB', dv((x) => x.rssKbPerDocument), 1),
    row('Server CPU while idle before, % of a core', dv((x) => pct(x.before.cpuShare)), 1),
    row(`Server CPU while idle with them open, % of a core`, dv((x) => pct(x.open.cpuShare)), 1),
    row('PostgreSQL CPU meanwhile, % of a core', dv((x) => (x.open.postgresCpuShare === null ? NaN : pct(x.open.postgresCpuShare))), 1),
  ]);
  const returnTable = table(headers, [
    row(`Heap + external after full GC, ${D.idleMs / 1000} s after all clients left, MiB`, dv((x) => x.afterClose.liveKb / 1024), 1),
    row('Heap + external left over (after close − before), MiB', dv((x) => (x.afterClose.liveKb - x.before.liveKb) / 1024), 1),
    row('Share of the heap growth given back, %', dv((x) => pct(x.liveReturnedShare)), 0),
    row(`RSS ${D.idleMs / 1000} s after all clients left, MiB`, dv((x) => x.afterClose.rssKb / 1024), 1),
    row('RSS left over (after close − before), MiB', dv((x) => (x.afterClose.rssKb - x.before.rssKb) / 1024), 1),
  ]);
  const connectionsTable = table(headers, [
    row('Heap + external after full GC, 1 connection, MiB', cv((x) => x.before.liveKb / 1024), 1),
    row(`Heap + external after full GC, ${C.connections} more, MiB`, cv((x) => x.open.liveKb / 1024), 1),
    row('Heap + external per connection, KiB', cv((x) => x.liveKbPerConnection), 1),
    row('RSS with 1 connection, MiB', cv((x) => x.before.rssKb / 1024), 1),
    row(`RSS with ${C.connections} more, MiB`, cv((x) => x.open.rssKb / 1024), 1),
    row('RSS per connection, KiB', cv((x) => x.rssKbPerConnection), 1),
    row('Server CPU while idle with 1 connection, % of a core', cv((x) => pct(x.before.cpuShare)), 1),
    row(`Server CPU while idle with ${C.connections + 1} connections, % of a core`, cv((x) => pct(x.open.cpuShare)), 1),
    row('PostgreSQL CPU meanwhile, % of a core', cv((x) => (x.open.postgresCpuShare === null ? NaN : pct(x.open.postgresCpuShare))), 1),
  ]);

  const step = (k, readers) => readAlongStep(R, k, readers);
  const readAlongTable = table(headers, RA.steps.flatMap((readers, i) => [
    row(`${fmt(readers)} readers${i === 0 ? ' (first traffic after start)' : ''}: p50, ms`, per((k) => step(k, readers)?.p50 ?? NaN), 2),
    row(`${fmt(readers)} readers: p99, ms`, per((k) => step(k, readers)?.p99 ?? NaN), 2),
    row(`${fmt(readers)} readers: max, ms`, per((k) => step(k, readers)?.max ?? NaN), 1),
  ]));
  const j = (k) => (R[k].joinStorm?.ok ? R[k].joinStorm : null);
  const jv = (pick) => per((k) => (j(k) ? pick(j(k)) : NaN));
  const joinTable = table(headers, [
    row(`Time until all ${fmt(J.clients)} have the whole document, s`, jv((x) => x.seconds), 2),
    row('Server CPU meanwhile, s', jv((x) => x.serverCpuSeconds), 2),
    row('RSS before, MiB', jv((x) => x.rssBeforeKb / 1024), 1),
    row('Peak RSS (VmHWM), MiB', jv((x) => x.peakRssKb / 1024), 1),
    row('Peak RSS − RSS before, MiB', jv((x) => (x.peakRssKb - x.rssBeforeKb) / 1024), 1),
  ]);

  const CO = P.coldOpen;
  const co = (k) => (R[k].coldOpen?.first ? R[k].coldOpen : null);
  const cov = (pick) => per((k) => (co(k) ? pick(co(k)) : NaN));
  const coldTable = table(headers, [
    row('First open after a restart: until the client holds the whole text, ms', cov((x) => x.first.ms), 0),
    row('  server CPU meanwhile, s', cov((x) => x.first.serverCpuSeconds), 2),
    row('  update log rows replayed (Intersessional: what live folding left; the 30 s compactor had not run)', cov((x) => x.first.logRows ?? NaN), 0),
    row('Second open, after another restart, ms', cov((x) => x.second.ms), 0),
    row('  update log rows replayed at the second open', cov((x) => x.second.logRows ?? NaN), 0),
    row('Waited after typing for the storage to finish writing, s', cov((x) => (x.storageSettleMs ?? 0) / 1000), 1),
    row('Characters the reopened client got (of the history typed)', cov((x) => Math.min(x.first.received, x.second.received)), 0),
  ]);

  const season = (k, documents) => R[k].draftingSeason?.steps?.find((x) => x.documents === documents && x.p99 !== undefined) ?? null;
  const seasonSteps = DS.steps.filter((n) => KEYS.some((k) => season(k, n)));
  const seasonTable = table(headers, [
    row(`Capacity: most documents with p99 ≤ ${DS.limitMs} ms`, per((k) => R[k].draftingSeason?.capacity ?? NaN), 0),
    ...seasonSteps.flatMap((n) => [
      row(`${fmt(n)} documents (${fmt(n * (DS.typists + DS.readers))} connections, ${fmt(n * DS.typists * DS.rate)} updates/s): p50, ms`, per((k) => season(k, n)?.p50 ?? NaN), 1),
      row(`${fmt(n)} documents: p99, ms`, per((k) => season(k, n)?.p99 ?? NaN), 1),
      row(`${fmt(n)} documents: server CPU per update frame to a reader, µs`, per((k) => season(k, n)?.cpuMicrosPerReaderFrame ?? NaN), 0),
    ]),
  ]);

  const ol = (name) => per((k) => fmt(R[k].otherLoad?.[name], 2));
  const loadTable = table(headers.slice(0, 4), [
    ['Throughput and latency runs', ...KEYS.map((k) => ol('perf')[k])],
    ['Memory per document runs', ...KEYS.map((k) => ol('documents')[k])],
    ['Memory per connection runs', ...KEYS.map((k) => ol('connections')[k])],
    ['Read-along runs', ...KEYS.map((k) => ol('readAlong')[k])],
    ['Join storm runs', ...KEYS.map((k) => ol('joinStorm')[k])],
    ['Cold open runs', ...KEYS.map((k) => ol('coldOpen')[k])],
    ['Drafting season runs', ...KEYS.map((k) => ol('draftingSeason')[k])],
  ]);
  const busy = KEYS.some((k) => Object.values(R[k].otherLoad ?? {}).some((v) => v > 0.2));

  const failures = [];
  for (const s of data.subjects) {
    for (const [name, value] of Object.entries(R[s.key])) {
      if (name === 'otherLoad') continue;
      for (const one of [value].flat()) if (one && !one.ok && !one.skipped) failures.push(`${s.label}, ${name}: ${one.error}`);
    }
  }
  const codes = Object.entries(data.closeCodes).map(([label, counts]) => `${label}: ${Object.entries(counts).map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  const pgDescription = data.database.kind === 'postgresql'
    ? `PostgreSQL (${data.database.version.split(' ').slice(0, 2).join(' ')} on the same machine, fsync=${data.database.fsync}, synchronous_commit=${data.database.synchronousCommit}), a fresh database per server process`
    : 'the embedded PGlite database (inside the server process, so its memory and CPU count in the server figures)';

  const tables = [
    ['Update throughput', throughputTable],
    [`Fan-out latency (${L.readers} readers, ${L.rate} updates/s)`, latencyTable],
    [`Memory per open document (${fmt(D.textBytes)} characters each)`, documentsTable],
    ['Memory after the documents close', returnTable],
    [`Memory per connection (${C.connections} connections to one document)`, connectionsTable],
    [`Plenary read-along (1 writer at ${RA.rate} updates/s)`, readAlongTable],
    [`Join storm (${fmt(J.clients)} clients, ${fmt(J.textBytes)} characters)`, joinTable],
    [`Cold open (a history of ${fmt(CO.updates)} one-character updates)`, coldTable],
    [`Drafting season (documents × ${DS.typists} typists at ${DS.rate} updates/s + ${DS.readers} readers)`, seasonTable],
    ['Other processes on the machine meanwhile, CPU cores in use on average', loadTable],
  ];
  const text = [
    `Co-drafting benchmark (${describeMachine(data.machine)}; ${describeSource(data.source)})`,
    `Intersessional stored updates in ${pgDescription}.`,
    ...tables.map(([name, t]) => `\n${name}\n${t}`),
    failures.length ? `\nFailures:\n${failures.map((f) => `  - ${f}`).join('\n')}` : '',
    `\nClose codes seen by the clients: ${codes.join('; ') || 'none'}`,
    `Suite time: ${fmt(data.seconds, 0)} s`,
  ].join('\n');

  const markdown = `
## Co-drafting: real-time sync server

Measured by \`npm run bench\` (suite \`collab\`) on ${describeMachine(data.machine)}, building
${describeSource(data.source)}. The suite took ${fmt(data.seconds, 0)} s. Intersessional stored updates in ${pgDescription}.${data.quick ? '\n\n**Quick mode (BENCH_QUICK=1): reduced counts, not for comparison.**' : ''}

**Subjects**, each a separate Node process on 127.0.0.1, all driven by the same client code (a small
y-protocols client, \`bench/lib/ysync-client.mjs\`, in the bench process; sync and updates, no awareness):

- **Intersessional**: the API (\`dist/apps/api/src/main.js\`), socket \`/collab/<documentId>?token=…\`. Each
  connection is authorised; each update is appended to the update log by a group commit (no fixed wait:
  a commit starts at once, and what arrives while it runs shares the next) and only then applied and relayed
  (write-ahead), the updates of one commit as one merged frame. \`COLLAB_MAX_UPDATES_PER_SECOND\` was raised to
  ${fmt(P.perfRateLimit)} for the throughput and latency server: at the default (300 per connection) the
  throughput typists would be closed with 4429. The memory servers use the default.
- **y-websocket server**: \`@y/websocket-server\` ${data.versions['@y/websocket-server']}, started through its own bin
  (\`src/server.js\`, with the \`ws\` 6 it bundles) with \`YPERSISTENCE\` unset: documents are held in memory
  only, and without persistence it never unloads them.
- **Hocuspocus**: \`@hocuspocus/server\` ${data.versions['@hocuspocus/server']} (\`bench/collab/servers/hocuspocus.mjs\`) with no
  extensions: in memory only (its Database extension, not installed, stores debounced: 2 s after the last
  change, at most 10 s apart, so up to 10 s of edits can be lost). It unloads a document when its last
  connection closes. It acknowledges every update to its sender and, like y-websocket, echoes it back too.

**Method.** Throughput: ${T.documents} documents, each with 1 observer and ${T.writers} typists; every typist appends
${T.updates} characters to its own paragraph, one update per character, with at most ${T.window} of its updates in flight
(sent but not yet seen by the observer), so each server is driven as fast as it relays; the figure is updates
delivered to the observers per second, first keystroke to last delivery (observers' documents checked
complete). The same on one document shows what a single document can take. Fan-out: 1 typist and
${L.readers} readers on one document, ${L.updates} updates at ${L.rate}/s (after ${L.warmup} unmeasured), time from just before the send
to receipt, for every update at every reader (same process, same clock). Throughput and latency: ${P.repetitions}
repetitions after a warm-up, medians reported. Memory: ${D.documents} documents, each opened by one client that holds
a draft of ${fmt(D.textBytes)} characters in ${Math.ceil(D.textBytes / 120)} paragraphs (${fmt(R[I]?.documents?.contentBytes ?? NaN)} bytes as one Yjs update) and pushes it in the
sync handshake; then all clients leave and the server idles ${D.idleMs / 1000} s. Per connection: ${C.connections} readers join one such
document. Read-along: on a server started for it, 1 writer at ${RA.rate} updates/s and ${RA.steps.map((n) => fmt(n)).join(', then ')} readers of one
document (a new one per step), ${RA.updates} updates per step, no warm-up: the first step is the server's first traffic. Join storm:
on a server started for it, one client pushes a draft of ${fmt(J.textBytes)} characters (${fmt((R[I]?.joinStorm?.contentBytes ?? NaN) / 1048576, 1)} MiB as one Yjs update), then ${fmt(J.clients)}
fresh clients connect at the same moment; timed until each has received sync step 2 at least as large as 90 % of the draft.
Cold open: on a server started for it with storage kept between starts, one typist types ${fmt(CO.updates)} characters, one update each (at most
${CO.window} in flight), into one document; the server is stopped (SIGTERM) and started again, and a new client's time from connecting until it
holds the whole text is taken; then once more after another restart. Hocuspocus runs in memory only here (its Database extension is not
installed), so a restart loses the document and it is not measured; the y-websocket server runs with \`YPERSISTENCE\` (y-leveldb, which
writes each update to LevelDB after relaying it, and folds a document's updates once it holds more than 500) for this scenario only, and the
bench waits until its LevelDB folder stops growing before the stop.
Drafting season: on a server started for it, ${DS.steps.map((n) => fmt(n)).join(', ')} documents in turn (new ones each step), each with ${DS.typists} typists
sending ${DS.rate} updates/s on their own schedules and ${DS.readers} readers, for ${DS.durationMs / 1000} s per step; the clients run in ${DS.workers} processes of their own
(a document's clients in one, so one clock times each update from its send to each reader); the steps stop after the first whose p99
passes ${DS.limitMs} ms, and the capacity is the last step within it. CPU per update frame is the server's CPU over the step divided by
the update frames the readers received.
Each server process is started with \`--expose-gc --require bench/lib/memory-probe.cjs\` (no code
change). At each measuring point the bench waits ${D.settleMs / 1000} s without traffic, takes the server's idle CPU over
the next ${D.cpuWindowMs / 1000} s, then asks it over IPC for a full GC and \`process.memoryUsage()\`; "heap + external" is
\`heapUsed + external\` after that GC (live memory), RSS is \`VmRSS\` from \`/proc/<pid>/status\` just after it.
CPU figures come from \`/proc/<pid>/stat\`; PostgreSQL's from all local \`postgres\` processes, sampled each second.

### Update throughput

${throughputTable}

### Fan-out latency (${L.readers} readers, ${L.rate} updates/s)

${latencyTable}

### Memory per open document (${fmt(D.textBytes)} characters each)

${documentsTable}

### Memory after the documents close

${returnTable}

### Memory per connection (${C.connections} connections to one document)

${connectionsTable}

### Plenary read-along (1 writer at ${RA.rate} updates/s)

${readAlongTable}

### Join storm (${fmt(J.clients)} clients, ${fmt(J.textBytes)} characters)

${joinTable}

### Cold open (a history of ${fmt(CO.updates)} one-character updates)

${coldTable}

### Drafting season (documents × ${DS.typists} typists at ${DS.rate} updates/s + ${DS.readers} readers)

${seasonTable}

### Other load on the machine

CPU cores used on average by processes other than the bench, the server under test and PostgreSQL,
sampled every second from \`/proc\` while each server ran (out of ${data.machine.cores}):

${loadTable}
${busy ? `
**The machine was not idle during this run** (other work used ${fmt(data.otherLoad, 2)} cores on average over the
suite), so the figures are noisier than they would be on a quiet machine and the subjects did not all see the
same conditions; compare the rows above before reading much into small ratios.
` : ''}
Close codes seen by the clients: ${codes.join('; ') || 'none'} (1000 is the bench closing its own clients).${failures.length ? `\n\n**Failures in this run:**\n\n${failures.map((f) => `- ${f}`).join('\n')}` : ''}

### What the numbers mean

${meaning(data, fig, d, c).join('\n\n')}
`;
  return { markdown, text };
}

/** The reading of this run's figures; the facts about the servers come from their code. */
function meaning(data, fig, d, c) {
  const P = data.parameters;
  const out = [];
  out.push(
    `Intersessional relays an update only after PostgreSQL has committed it durably; the two peers apply it
in memory and relay at once, and a crash loses what they hold (everything, as configured here). So its
fan-out latency includes a durable commit: p50 ${fmt(fig.p50[I], 1)} ms against
${fmt(fig.p50[Y], 1)} ms (y-websocket) and ${fmt(fig.p50[H], 1)} ms (Hocuspocus), p99 ${fmt(fig.p99[I], 1)} ms. That is well below what
a co-author notices (about 50–100 ms), and it is the price of never showing an edit the server could lose.`,
  );
  // one document's rate × documents ≈ the multi-document rate: the ceiling is per document
  const perDocumentCeiling = fig.single[I] * P.throughput.documents < fig.rate[I] * 1.5;
  out.push(
    `Throughput: ${fmt(fig.rate[I])} updates/s over ${P.throughput.documents} documents against ${fmt(fig.rate[Y])} (y-websocket) and
${fmt(fig.rate[H])} (Hocuspocus), with every update stored before it is relayed. On one document it is ${fmt(fig.single[I])} updates/s (peers: ${fmt(fig.single[Y])} and ${fmt(fig.single[H])}).
Updates of every document that arrive while a commit runs share the next one, and each is applied and relayed
only after its own commit, as one merged frame per commit and reader.
Per update the server process uses ${fmt(fig.cpu[I])} µs of CPU (${fmt(fig.cpu[Y])} and ${fmt(fig.cpu[H])} µs for the peers), plus
${fmt(fig.pgCpu[I])} µs in PostgreSQL.`,
  );
  const dl = (k) => d(k)?.liveKbPerDocument;
  const back = (k) => d(k)?.liveReturnedShare;
  out.push(
    `Memory: Intersessional's process is the whole API (NestJS, GraphQL, TypeORM, a PostgreSQL pool), so its
baseline is ${fmt(d(I)?.before.rssKb / 1024, 0)} MiB RSS against ${fmt(d(Y)?.before.rssKb / 1024, 0)} and ${fmt(d(H)?.before.rssKb / 1024, 0)} MiB for the bare sync
servers; the differences are what compare. Live memory per open document of ${fmt(P.documents.textBytes)} characters is
${fmt(dl(I), 1)} KiB (y-websocket ${fmt(dl(Y), 1)}, Hocuspocus ${fmt(dl(H), 1)}), per extra connection
${fmt(c(I)?.liveKbPerConnection, 1)} KiB (${fmt(c(Y)?.liveKbPerConnection, 1)} and ${fmt(c(H)?.liveKbPerConnection, 1)}). RSS differences are noisier: V8 keeps heap
it once reserved, and a large heap absorbs small growth, so RSS is shown for honesty, not for ranking.
When the clients leave, Intersessional unloads each document once its writes are stored and gives back
${fmt(back(I) * 100, 0)} % of the heap growth; Hocuspocus unloads too (${fmt(back(H) * 100, 0)} %); the y-websocket server without
persistence keeps every document it has ever seen (${fmt(back(Y) * 100, 0)} %), so its memory only grows with every
document opened. RSS follows the heap only loosely: V8 and the allocator keep or return freed pages on
their own schedule (see the RSS rows).`,
  );
  out.push(
    `Idle cost: every 2 s Intersessional reads one counter that database triggers move whenever a session,
account, membership or document changes, and judges the rights behind the open connections again only
when it moved (and every 30 s regardless), so that a removed member or a disabled account loses access
within about 2 s. With ${P.documents.documents} documents open, one connection each, the idle server
uses ${fmt(d(I)?.open.cpuShare * 100, 1)} % of a core and PostgreSQL ${fmt(d(I)?.open.postgresCpuShare * 100, 1)} %; with ${P.connections.connections + 1} connections to one document,
${fmt(c(I)?.open.cpuShare * 100, 1)} % and ${fmt(c(I)?.open.postgresCpuShare * 100, 1)} %. The peers, which authorise nothing, use ${fmt(d(Y)?.open.cpuShare * 100, 1)} % and
${fmt(d(H)?.open.cpuShare * 100, 1)} % with the documents open.`,
  );
  const ra = (k, readers) => readAlongStep(data.results, k, readers);
  const readAlongText = P.readAlong.steps.map((readers, i) => {
    const better = Math.min(ra(Y, readers)?.p99 ?? Infinity, ra(H, readers)?.p99 ?? Infinity);
    const ours = ra(I, readers)?.p99;
    return `${fmt(readers)} readers${i === 0 ? ' (first after start)' : ''}: p99 ${fmt(ours, 1)} ms against the better peer's ${fmt(better, 1)} ms (${ratio(ours, better)})`;
  });
  out.push(`Read-along (targets: p99 under 25 ms at 1,000 readers, and no worse than the better peer at every step): ${readAlongText.join('; ')}.`);
  const DS = data.parameters.draftingSeason;
  const cap = (k) => data.results[k].draftingSeason?.capacity;
  const seasonAt = (k, n) => data.results[k].draftingSeason?.steps?.find((x) => x.documents === n && x.p99 !== undefined) ?? null;
  const betterCap = Math.max(cap(Y) ?? 0, cap(H) ?? 0);
  const light = DS.steps[0];
  const betterLight = Math.min(seasonAt(Y, light)?.p99 ?? Infinity, seasonAt(H, light)?.p99 ?? Infinity);
  const cpuAt = (k) => seasonAt(k, light)?.cpuMicrosPerReaderFrame;
  const betterCpu = Math.min(cpuAt(Y) ?? Infinity, cpuAt(H) ?? Infinity);
  out.push(
    `Drafting season (targets: capacity at least 1.5× the better peer's, CPU per delivered update at most two-thirds of its, p99 at the light steps
within 1.5× of its): capacity ${fmt(cap(I))} documents against ${fmt(cap(Y))} (y-websocket) and ${fmt(cap(H))} (Hocuspocus)${betterCap && cap(I) !== undefined ? ` (${ratio(cap(I), betterCap)} the better peer's)` : ''}${DS.steps.at(-1) === cap(I) || DS.steps.at(-1) === cap(Y) ? `; ${fmt(DS.steps.at(-1))} documents is the largest step run, so a capacity that reached it is at least that` : ''};
at ${fmt(light)} documents p99 ${fmt(seasonAt(I, light)?.p99, 1)} ms against the better peer's ${fmt(betterLight, 1)} ms (${ratio(seasonAt(I, light)?.p99, betterLight)}), server CPU per update frame ${fmt(cpuAt(I))} µs against ${fmt(betterCpu)} µs (${ratio(cpuAt(I), betterCpu)}).
Each of Intersessional's updates waits for its durable commit before anyone sees it; at light load every update is its own commit.`,
  );
  const cold = (k) => data.results[k].coldOpen;
  out.push(
    `Cold open (target: under 500 ms whether or not the compactor has run): the first open after a restart took ${fmt(cold(I)?.first?.ms, 0)} ms
replaying ${fmt(cold(I)?.first?.logRows)} log rows, the second ${fmt(cold(I)?.second?.ms, 0)} ms; y-websocket with y-leveldb ${fmt(cold(Y)?.first?.ms, 0)} and ${fmt(cold(Y)?.second?.ms, 0)} ms${cold(Y)?.first && cold(Y).first.received < data.parameters.coldOpen.updates ? `, and its reopened document held ${fmt(cold(Y).first.received)} of the ${fmt(data.parameters.coldOpen.updates)} characters typed` : ''}.
The 30 s background compactor had not run before the first open: the open room folded its own log while the typist typed (every
2,000 rows it stored, from the doc it holds) and the rest when the typist left, so the log never grows past a few thousand rows
whatever the compactor does. After a crash (no fold on the way out) a reopen replays at most those few thousand rows (20,000 for the
biggest drafts) on top of the snapshot; Yjs applies 100,000 small updates in about 0.35 s on this machine, so 2,000 cost a few ms.`,
  );
  const js = (k) => (data.results[k].joinStorm?.ok ? data.results[k].joinStorm : null);
  out.push(
    `Join storm (target: time and peak memory below both peers): ${fmt(data.parameters.joinStorm.clients)} joiners synced in ${fmt(js(I)?.seconds, 2)} s
(y-websocket ${fmt(js(Y)?.seconds, 2)} s, Hocuspocus ${fmt(js(H)?.seconds, 2)} s); peak RSS ${fmt(js(I)?.peakRssKb / 1024, 0)} MiB (${fmt(js(Y)?.peakRssKb / 1024, 0)} and
${fmt(js(H)?.peakRssKb / 1024, 0)} MiB), of which the storm added ${fmt((js(I)?.peakRssKb - js(I)?.rssBeforeKb) / 1024, 0)} MiB (${fmt((js(Y)?.peakRssKb - js(Y)?.rssBeforeKb) / 1024, 0)} and ${fmt((js(H)?.peakRssKb - js(H)?.rssBeforeKb) / 1024, 0)}).
Intersessional encodes the whole document once per version for joiners that hold nothing; every joiner
still gets its own copy queued on its socket until it has read it.`,
  );
  out.push(
    `Caveats: two cores shared by the server under test, the bench client and (for Intersessional)
PostgreSQL; loopback only, so no network latency; PostgreSQL on the same machine and disk. The peers
do less per update by design (no authentication, no storage), so the ratios measure the cost of
durability and access control as much as implementation quality.`,
  );
  return out;
}
