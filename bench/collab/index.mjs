// The co-drafting (real-time sync) suite: Intersessional's /collab server side by side with the
// y-websocket reference server and Hocuspocus, same machine, same client code, same run.
import { performance } from 'node:perf_hooks';
import { postgresTarget } from '../lib/postgres.mjs';
import { OtherLoadMonitor } from '../lib/processes.mjs';
import { describeMachine, describeSource, fmt, machineInfo, sourceInfo } from '../lib/report.mjs';
import { closeCodes } from '../lib/ysync-client.mjs';
import { render } from './render.mjs';
import { coldOpen, connectionMemory, documentMemory, draftingSeason, joinStorm, latency, readAlong, throughput } from './scenarios.mjs';
import { SUBJECTS, packageVersion, snapshotDist } from './subjects.mjs';

export const title = 'Co-drafting: real-time sync server';

const QUICK = process.env.BENCH_QUICK === '1';

/** Every count is bounded; the whole suite takes about three minutes. BENCH_QUICK=1 shrinks it for development. */
export const PARAMETERS = {
  repetitions: QUICK ? 1 : 3,
  throughput: { documents: 10, writers: 5, updates: QUICK ? 50 : 200, window: 8 },
  /** The same typing on one document: what a single document can take. */
  singleDocument: { documents: 1, writers: 5, updates: QUICK ? 50 : 200, window: 8 },
  /** Unmeasured, before the throughput runs, so every server starts them with warm code. */
  warmup: { documents: 10, writers: 5, updates: 20, window: 8 },
  latency: { readers: 50, updates: QUICK ? 100 : 300, rate: 50, warmup: 20 },
  /** settleMs without traffic before each measurement, then CPU over cpuWindowMs (two access re-checks of Intersessional). */
  documents: { documents: QUICK ? 50 : 200, textBytes: 5000, settleMs: 1500, cpuWindowMs: 4000, idleMs: 5000 },
  connections: { connections: QUICK ? 100 : 500, textBytes: 5000, settleMs: 1500, cpuWindowMs: 4000 },
  /** A plenary: one writer, more and more readers of one document, on a server started for it (the first step is its first traffic). */
  readAlong: { steps: QUICK ? [50, 100] : [250, 500, 1000], updates: QUICK ? 40 : 100, rate: 20 },
  /** A room opening the shared link at once, on a server started for it. */
  joinStorm: { clients: QUICK ? 50 : 300, textBytes: QUICK ? 200_000 : 2_000_000 },
  /** A long history opened after a restart: `updates` one-character updates typed through the server first. */
  coldOpen: { updates: QUICK ? 10_000 : 100_000, window: 64 },
  /** Many small teams at once, raised step by step until p99 passes limitMs; clients in processes of their own. */
  draftingSeason: { steps: QUICK ? [10, 40] : [20, 40, 80, 160, 240, 320, 480, 640], typists: 5, readers: 2, rate: 2, durationMs: QUICK ? 3000 : 8000, workers: 2, limitMs: 50 },
  /** Raised for the throughput and latency server only: the default 300/s per connection would refuse the throughput run. */
  perfRateLimit: 1_000_000,
};

async function withInstance(subject, options, log, body) {
  const started = performance.now();
  const instance = await subject.start(options);
  instance.label = subject.label;
  instance.monitor = options.monitor;
  log(`  ${subject.label}: started (pid ${instance.pid}) in ${fmt((performance.now() - started) / 1000, 1)} s`);
  try {
    return await body(instance);
  } finally {
    await stopInstance(subject, instance, log);
  }
}

async function stopInstance(subject, instance, log) {
  const exit = await instance.stop();
  if (exit && exit.code !== 0 && exit.signal !== 'SIGTERM') log(`  ${subject.label}: exited with ${exit.code ?? exit.signal}`);
  // the servers run quiet (LOG_LEVEL=warn, quiet: true); whatever they still print is worth a look
  const notable = instance.handle.output.filter((line) => /warn|error|exception|fail/i.test(line));
  if (notable.length) log(`  ${subject.label} printed ${notable.length} warning/error line(s), e.g.:\n    ${notable.slice(0, 3).join('\n    ').slice(0, 1500)}`);
  if (process.env.BENCH_VERBOSE === '1') log(instance.handle.output.map((l) => `    | ${l}`).join('\n'));
  globalThis.gc?.(); // the bench process' own garbage, collected between servers (node --expose-gc)
}

/** Runs `fn`, turning a failure into a recorded error so one subject cannot stop the others. */
async function attempt(log, label, fn) {
  try {
    return await fn();
  } catch (error) {
    log(`  ${label}: FAILED: ${error?.stack ?? error}`);
    return { ok: false, error: String(error?.message ?? error) };
  }
}

const mib = (kb) => fmt(kb / 1024, 1);

export async function run({ log }) {
  const suiteStarted = performance.now();
  const database = await postgresTarget();
  const machine = machineInfo();
  const source = sourceInfo(new URL('../..', import.meta.url).pathname);
  await snapshotDist(); // the build measured is the one made at the start, whatever happens to dist/ meanwhile
  log(`machine: ${describeMachine(machine)}`);
  log(`source: ${describeSource(source)}`);
  log(database ? `Intersessional storage: PostgreSQL at ${new URL(database.url).host} (fsync=${database.fsync}, synchronous_commit=${database.synchronous_commit})` : 'Intersessional storage: embedded PGlite');
  const P = PARAMETERS;
  const results = Object.fromEntries(SUBJECTS.map((s) => [s.key, { otherLoad: {} }]));
  // other work on the machine (other sessions' tests, builds) distorts the figures: it is recorded
  const monitor = new OtherLoadMonitor().start();
  const phase = async (subject, name, options, body) => {
    const from = performance.now();
    try {
      return await withInstance(subject, options, log, body);
    } finally {
      const cores = monitor.between(from, performance.now());
      results[subject.key].otherLoad[name] = cores;
      if (cores > 0.2) log(`  note: other processes used ${fmt(cores, 2)} cores on average meanwhile`);
    }
  };

  // Throughput and latency: the three servers run side by side and take turns, repetition by
  // repetition, so a change in the machine's load during the suite affects all of them alike.
  log('\n[1/7] throughput and fan-out latency (the servers take turns)');
  const perfEnv = { COLLAB_MAX_UPDATES_PER_SECOND: String(P.perfRateLimit) };
  const instances = [];
  try {
    for (const subject of SUBJECTS) {
      const started = performance.now();
      const instance = await attempt(log, subject.label, () => subject.start({ database, purpose: 'perf', env: perfEnv }));
      if (!instance.pid) continue;
      instance.label = subject.label;
      instance.monitor = monitor;
      instances.push({ subject, instance });
      log(`  ${subject.label}: started (pid ${instance.pid}) in ${fmt((performance.now() - started) / 1000, 1)} s`);
    }
    /** One measurement, with the other load on the machine while it ran. */
    const measure = async (subject, label, fn) => {
      const from = performance.now();
      const result = await attempt(log, `${subject.label} ${label}`, fn);
      result.otherLoad = monitor.between(from, performance.now());
      return result;
    };
    const load = (x) => (x.otherLoad > 0.2 ? ` [other load ${fmt(x.otherLoad, 2)} cores]` : '');
    for (const { subject, instance } of instances) await measure(subject, 'warm-up', () => throughput(instance, P.warmup));
    for (const [key, params, name] of [['throughput', P.throughput, 'throughput'], ['singleDocument', P.singleDocument, 'one document']]) {
      for (let i = 0; i < P.repetitions; i++) {
        for (const { subject, instance } of instances) {
          const t = await measure(subject, name, () => throughput(instance, params));
          (results[subject.key][key] ??= []).push(t);
          log(`  ${subject.label} ${name} #${i + 1}: ${t.ok ? `${fmt(t.updatesPerSecond)} updates/s, ${fmt(t.seconds, 2)} s` : t.error}${load(t)}`);
        }
      }
    }
    for (let i = 0; i < P.repetitions; i++) {
      for (const { subject, instance } of instances) {
        const l = await measure(subject, 'latency', () => latency(instance, P.latency));
        (results[subject.key].latency ??= []).push(l);
        log(`  ${subject.label} latency #${i + 1}: ${l.samples !== undefined ? `p50 ${fmt(l.p50, 2)} ms, p95 ${fmt(l.p95, 2)} ms, p99 ${fmt(l.p99, 2)} ms, max ${fmt(l.max, 1)} ms` : ''}${l.ok ? '' : ` (${l.error})`}${load(l)}`);
      }
    }
  } finally {
    for (const { subject, instance } of instances) await stopInstance(subject, instance, log);
  }
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    const runs = [...(r.throughput ?? []), ...(r.singleDocument ?? []), ...(r.latency ?? [])].map((x) => x.otherLoad).filter(Number.isFinite);
    r.otherLoad.perf = runs.length ? runs.reduce((a, b) => a + b, 0) / runs.length : NaN;
  }

  log('\n[2/7] memory per open document, and after they close');
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    r.documents = await attempt(log, subject.label, () => phase(subject, 'documents', { database, purpose: 'docs', monitor }, (instance) => documentMemory(instance, P.documents)));
    const d = r.documents;
    if (d.before) {
      log(`  ${subject.label}: heap+external ${mib(d.before.liveKb)} → ${mib(d.open.liveKb)} MiB open → ${mib(d.afterClose.liveKb)} MiB after close (${fmt(d.liveKbPerDocument, 1)} KiB per document); RSS ${mib(d.before.rssKb)} → ${mib(d.open.rssKb)} → ${mib(d.afterClose.rssKb)} MiB${d.ok ? '' : ` (${d.error})`}`);
    }
  }

  log('\n[3/7] memory per connection');
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    r.connections = await attempt(log, subject.label, () => phase(subject, 'connections', { database, purpose: 'conns', monitor }, (instance) => connectionMemory(instance, P.connections)));
    const c = r.connections;
    if (c.before) {
      log(`  ${subject.label}: heap+external ${mib(c.before.liveKb)} → ${mib(c.open.liveKb)} MiB (${fmt(c.liveKbPerConnection, 1)} KiB per connection); RSS ${mib(c.before.rssKb)} → ${mib(c.open.rssKb)} MiB; idle CPU ${fmt(c.open.cpuShare * 100, 1)} % of a core${c.ok ? '' : ` (${c.error})`}`);
    }
  }

  log('\n[4/7] plenary read-along (1 writer, more and more readers; the first step right after start)');
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    r.readAlong = await attempt(log, subject.label, () =>
      phase(subject, 'readAlong', { database, purpose: 'plenary', monitor }, async (instance) => {
        const steps = [];
        for (const readers of P.readAlong.steps) {
          const step = await attempt(log, `${subject.label} ${readers} readers`, () => readAlong(instance, { ...P.readAlong, readers }));
          steps.push({ readers, ...step });
          log(`  ${subject.label}, ${readers} readers: ${step.samples !== undefined ? `p50 ${fmt(step.p50, 2)} ms, p99 ${fmt(step.p99, 2)} ms, max ${fmt(step.max, 1)} ms` : ''}${step.ok ? '' : ` (${step.error})`}`);
        }
        return { ok: steps.every((step) => step.ok), error: steps.find((step) => !step.ok)?.error, steps };
      }),
    );
  }

  log('\n[5/7] join storm (clients connecting at once to one large document)');
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    r.joinStorm = await attempt(log, subject.label, () => phase(subject, 'joinStorm', { database, purpose: 'storm', monitor }, (instance) => joinStorm(instance, P.joinStorm)));
    const j = r.joinStorm;
    if (j.seconds !== undefined) log(`  ${subject.label}: ${P.joinStorm.clients} joiners synced ${fmt(j.contentBytes / 1048576, 1)} MiB in ${fmt(j.seconds, 2)} s, server CPU ${fmt(j.serverCpuSeconds, 2)} s, RSS ${mib(j.rssBeforeKb)} MiB before, peak ${mib(j.peakRssKb)} MiB${j.ok ? '' : ` (${j.error})`}`);
  }

  log(`\n[6/7] cold open (a history of ${P.coldOpen.updates.toLocaleString('en')} one-character updates typed through the server, then opened after a restart, twice)`);
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    if (!subject.persists) {
      r.coldOpen = { ok: false, skipped: 'in memory only: a restart loses every document, so there is nothing to open cold' };
      log(`  ${subject.label}: not measured (${r.coldOpen.skipped})`);
      continue;
    }
    const storage = {};
    const from = performance.now();
    r.coldOpen = await attempt(log, subject.label, () =>
      coldOpen(async () => {
        const instance = await subject.start({ database, purpose: 'cold', storage, env: perfEnv });
        instance.label = subject.label;
        return instance;
      }, P.coldOpen),
    );
    r.otherLoad.coldOpen = monitor.between(from, performance.now());
    const c = r.coldOpen;
    if (c.first) log(`  ${subject.label}: first open ${fmt(c.first.ms, 0)} ms (log rows ${c.first.logRows ?? 'n/a'}), second ${fmt(c.second.ms, 0)} ms (log rows ${c.second.logRows ?? 'n/a'})`);
  }

  log(`\n[7/7] drafting season (documents × ${P.draftingSeason.typists} typists at ${P.draftingSeason.rate} updates/s and ${P.draftingSeason.readers} readers, raised until p99 passes ${P.draftingSeason.limitMs} ms)`);
  for (const subject of SUBJECTS) {
    const r = results[subject.key];
    log(`  ${subject.label}:`);
    r.draftingSeason = await attempt(log, subject.label, () =>
      phase(subject, 'draftingSeason', { database, purpose: 'season', monitor, env: { COLLAB_MAX_SOCKETS_PER_ACCOUNT: '1000000' } }, (instance) => draftingSeason(instance, P.draftingSeason, log)),
    );
    if (r.draftingSeason.capacity !== undefined) log(`  ${subject.label}: capacity ${r.draftingSeason.capacity} documents`);
  }

  monitor.stop();
  const sourceAtEnd = sourceInfo(new URL('../..', import.meta.url).pathname);
  if (sourceAtEnd.commit !== source.commit || sourceAtEnd.changed.join() !== source.changed.join()) {
    source.changedDuringRun = describeSource(sourceAtEnd);
    log(`note: the source changed during the run (now ${source.changedDuringRun}); the servers ran the build from the start`);
  }
  const seconds = (performance.now() - suiteStarted) / 1000;
  const otherLoad = monitor.between(suiteStarted, performance.now());
  const codes = {};
  for (const [key, count] of closeCodes) {
    const [label, code] = key.split('|');
    (codes[label] ??= {})[code] = count;
  }
  const data = {
    machine,
    source,
    database: database ? { kind: 'postgresql', version: database.version, fsync: database.fsync, synchronousCommit: database.synchronous_commit } : { kind: 'pglite' },
    versions: {
      yjs: packageVersion('yjs'),
      ws: packageVersion('ws'),
      '@y/websocket-server': packageVersion('@y/websocket-server'),
      '@hocuspocus/server': packageVersion('@hocuspocus/server'),
    },
    subjects: SUBJECTS.map(({ key, label }) => ({ key, label })),
    parameters: P,
    quick: QUICK,
    results,
    closeCodes: codes,
    seconds,
    otherLoad,
  };
  const { markdown, text } = render(data);
  return { data, markdown, text };
}
