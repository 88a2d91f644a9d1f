// The measurements of the collab suite. Each function gets a running server instance (see
// subjects.mjs) and uses only the sync protocol and, for documents, the instance's newDocuments().
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { cpuSeconds, peakRssKb, rssKb, settledRssKb } from '../lib/processes.mjs';
import { percentile } from '../lib/stats.mjs';
import { SyncClient, inBatches } from '../lib/ysync-client.mjs';
import { Typist, clockOf, draftUpdate, textLength } from './content.mjs';

const CONNECT_CONCURRENCY = 20;

function clientFor(instance, document, options = {}) {
  return new SyncClient({
    url: document.url,
    framing: instance.framing,
    documentName: document.name,
    token: document.token,
    label: instance.label,
    ...options,
  });
}

/** Resolves when `predicate()` holds, checking every few ms; rejects after `timeoutMs`. */
async function until(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function closeAll(clients) {
  await inBatches(clients.map((c) => () => c.close()), 50);
}

/**
 * Update throughput. `documents` documents, each with one observer and `writers` typists; every typist
 * types `updates` characters, one update each, keeping at most `window` of its updates in flight (sent,
 * not yet seen by the observer of its document). Measured: updates delivered to observers per second
 * from the first keystroke to the last delivery.
 */
export async function throughput(instance, { documents, writers, updates, window, timeoutMs = 60_000, docs: given = null }) {
  const docs = given ?? (await instance.newDocuments(documents));
  const rooms = docs.map((document) => ({ document, observerDoc: new Y.Doc(), observer: null, typists: [], delivered: new Map(), received: 0 }));
  const clients = [];
  let finish = null;
  let remaining = documents * writers;
  try {
    await inBatches(rooms.map((room) => async () => {
      room.observer = clientFor(instance, room.document, {
        doc: room.observerDoc,
        onUpdate: (update, kind) => {
          if (kind !== 'update') return;
          room.received += 1;
          for (const [id, clock] of Y.parseUpdateMeta(update).to) {
            const typist = room.delivered.get(id);
            if (typist && clock > typist.delivered) {
              typist.delivered = clock;
              typist.pump?.();
            }
          }
        },
      });
      clients.push(room.observer);
      await room.observer.connect();
      for (let i = 0; i < writers; i++) {
        const typist = new Typist();
        const client = clientFor(instance, room.document);
        clients.push(client);
        await client.connect();
        const state = { typist, client, delivered: 0, sent: 0, target: 0, pump: null };
        room.delivered.set(typist.id, state);
        room.typists.push(state);
      }
    }), CONNECT_CONCURRENCY / 2);

    // each typist creates its paragraph; typing starts once every observer has all of them
    for (const room of rooms) for (const t of room.typists) t.client.sendUpdate(t.typist.start());
    await until(() => rooms.every((r) => r.typists.every((t) => t.delivered >= t.typist.clock)), 20_000, 'paragraphs to reach the observers');
    for (const room of rooms) for (const t of room.typists) t.target = t.typist.clock + updates;
    const before = cpuSeconds(instance.pid);
    const done = new Promise((resolve) => (finish = resolve));
    const started = performance.now();
    for (const room of rooms) {
      for (const t of room.typists) {
        t.pump = () => {
          if (t.finished) return;
          if (t.delivered >= t.target) {
            t.finished = true;
            if (--remaining === 0) finish(performance.now());
            return;
          }
          while (t.sent < updates && t.typist.clock - t.delivered < window) {
            t.client.sendUpdate(t.typist.type());
            t.sent += 1;
          }
        };
        t.pump();
      }
    }
    const ended = await Promise.race([done, sleep(timeoutMs).then(() => null)]);
    const cpu = cpuSeconds(instance.pid) - before;
    const total = documents * writers * updates;
    if (ended === null) {
      const delivered = rooms.reduce((sum, r) => sum + r.typists.reduce((s, t) => s + Math.max(0, t.delivered - (t.target - updates)), 0), 0);
      return { ok: false, error: `timed out after ${timeoutMs} ms with ${delivered} of ${total} updates delivered`, updates: total };
    }
    const seconds = (ended - started) / 1000;
    const postgresCpu = instance.usesPostgres && instance.monitor ? (await instance.monitor.postgresBetween(started, ended)) * seconds : null;
    const complete = rooms.every((r) => textLength(r.observerDoc) === writers * updates);
    return {
      ok: complete,
      error: complete ? undefined : 'an observer document is missing characters',
      updates: total,
      seconds,
      updatesPerSecond: total / seconds,
      observerMessages: rooms.reduce((s, r) => s + r.received, 0),
      serverCpuSeconds: cpu,
      postgresCpuSeconds: postgresCpu,
    };
  } finally {
    await closeAll(clients);
  }
}

/**
 * Fan-out latency. One typist and `readers` readers on one document; the typist sends `warmup` + `updates`
 * updates at `rate` per second. For each of the last `updates` updates and each reader: the time from
 * just before the send to its receipt (same process, same clock).
 */
export async function latency(instance, { readers, updates, rate, warmup }) {
  const [document] = await instance.newDocuments(1);
  const typist = new Typist();
  const sentAt = new Map();
  const samples = [];
  const clients = [];
  const states = [];
  try {
    const writer = clientFor(instance, document);
    clients.push(writer);
    await writer.connect();
    await inBatches(Array.from({ length: readers }, () => async () => {
      const state = { last: 0 };
      const client = clientFor(instance, document, {
        onUpdate: (update) => {
          const now = performance.now();
          const clock = clockOf(update, typist.id);
          if (clock <= state.last) return;
          for (let k = state.last + 1; k <= clock; k++) {
            const t = sentAt.get(k);
            if (t !== undefined) samples.push(now - t);
          }
          state.last = clock;
        },
      });
      clients.push(client);
      states.push(state);
      await client.connect();
    }), CONNECT_CONCURRENCY);

    writer.sendUpdate(typist.start());
    await until(() => states.every((s) => s.last >= typist.clock), 20_000, 'the paragraph to reach the readers');
    const interval = 1000 / rate;
    const start = performance.now() + 50;
    for (let i = 0; i < warmup + updates; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      const update = typist.type();
      const t = performance.now();
      if (i >= warmup) sentAt.set(typist.clock, t);
      writer.sendUpdate(update);
    }
    const final = typist.clock;
    await until(() => states.every((s) => s.last >= final), 10_000, 'the last update to reach every reader').catch(() => undefined);
    const expected = readers * updates;
    return {
      ok: samples.length === expected,
      error: samples.length === expected ? undefined : `${expected - samples.length} of ${expected} deliveries missing`,
      samples: samples.length,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      p99: percentile(samples, 99),
      max: Math.max(...samples),
    };
  } finally {
    await closeAll(clients);
  }
}

/** Connects a client holding `content` to each document (it pushes the content in the sync handshake). */
async function openWithContent(instance, documents, content) {
  return inBatches(documents.map((document) => async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, content);
    const client = clientFor(instance, document, { doc });
    await client.connect();
    return client;
  }), CONNECT_CONCURRENCY);
}

/** Checks, with a separate connection, that the server holds the full content of each document. */
async function serverHasContent(instance, documents, textBytes) {
  for (const document of documents) {
    const doc = new Y.Doc();
    const probe = clientFor(instance, document, { doc });
    await probe.connect();
    // the holder's content may still be on its way (Intersessional applies it once committed)
    const ok = await until(() => textLength(doc) >= textBytes, 10_000, 'content').then(() => true, () => false);
    await probe.close();
    if (!ok) return false;
  }
  return true;
}

/**
 * The server at rest: after `settleMs` without traffic, its CPU use over the next `cpuWindowMs` (share
 * of one core; PostgreSQL's too), then, after a full GC (memory probe), the live JS heap and external
 * memory and the median RSS.
 */
async function quietMeasure(instance, { settleMs, cpuWindowMs }) {
  await sleep(settleMs);
  const cpuBefore = cpuSeconds(instance.pid);
  const started = performance.now();
  await sleep(cpuWindowMs);
  const ended = performance.now();
  const cpuShare = (cpuSeconds(instance.pid) - cpuBefore) / ((ended - started) / 1000);
  const postgresCpuShare = instance.usesPostgres && instance.monitor ? await instance.monitor.postgresBetween(started, ended) : null;
  const usage = await instance.memory();
  if (!usage) throw new Error('the server did not answer the memory probe');
  if (!usage.gc) throw new Error('the server runs without --expose-gc');
  const rssKb = await settledRssKb(instance.pid, 300);
  return { rssKb, heapKb: usage.heapUsed / 1024, externalKb: usage.external / 1024, liveKb: (usage.heapUsed + usage.external) / 1024, cpuShare, postgresCpuShare };
}

/**
 * Memory per open document, and whether it comes back. `documents` documents are opened, each by one
 * client holding a draft of about `textBytes` characters; then every client disconnects and the server
 * is left idle for `idleMs`.
 */
export async function documentMemory(instance, { documents, textBytes, settleMs, cpuWindowMs, idleMs }) {
  const content = draftUpdate(textBytes);
  const warm = await instance.newDocuments(5);
  const docs = await instance.newDocuments(documents);
  // warm-up: the code paths of opening, syncing and unloading run once before the baseline
  await closeAll(await openWithContent(instance, warm, content));
  const before = await quietMeasure(instance, { settleMs, cpuWindowMs });
  const clients = await openWithContent(instance, docs, content);
  try {
    const sample = [docs[0], docs[Math.floor(docs.length / 2)], docs[docs.length - 1]];
    const complete = await serverHasContent(instance, sample, textBytes);
    const open = await quietMeasure(instance, { settleMs, cpuWindowMs });
    await closeAll(clients);
    await sleep(idleMs);
    const after = await quietMeasure(instance, { settleMs, cpuWindowMs });
    return {
      ok: complete,
      error: complete ? undefined : 'the server did not hold the full content of a document',
      contentBytes: content.byteLength,
      before,
      open,
      afterClose: after,
      liveKbPerDocument: (open.liveKb - before.liveKb) / documents,
      rssKbPerDocument: (open.rssKb - before.rssKb) / documents,
      liveReturnedShare: (open.liveKb - after.liveKb) / (open.liveKb - before.liveKb),
      rssReturnedShare: (open.rssKb - after.rssKb) / (open.rssKb - before.rssKb),
    };
  } finally {
    await closeAll(clients);
  }
}

/** Memory per connection: `connections` readers join one open document of about `textBytes` characters. */
export async function connectionMemory(instance, { connections, textBytes, settleMs, cpuWindowMs }) {
  const content = draftUpdate(textBytes);
  const [document] = await instance.newDocuments(1);
  const [holder] = await openWithContent(instance, [document], content);
  const clients = [holder];
  try {
    const complete = await serverHasContent(instance, [document], textBytes);
    const connectReaders = (n) => inBatches(Array.from({ length: n }, () => async () => {
      const client = clientFor(instance, document);
      clients.push(client);
      return client.connect();
    }), CONNECT_CONCURRENCY);
    // warm-up: a few readers come and go before the baseline
    const warm = await connectReaders(10);
    await closeAll(warm);
    const before = await quietMeasure(instance, { settleMs, cpuWindowMs });
    const readers = await connectReaders(connections);
    const open = await quietMeasure(instance, { settleMs, cpuWindowMs });
    await closeAll(readers);
    return {
      ok: complete,
      error: complete ? undefined : 'the server did not hold the full content of the document',
      before,
      open,
      liveKbPerConnection: (open.liveKb - before.liveKb) / connections,
      rssKbPerConnection: (open.rssKb - before.rssKb) / connections,
    };
  } finally {
    await closeAll(clients);
  }
}

/**
 * Plenary read-along: one writer at `rate` updates/s and `readers` readers of one document, each
 * update's time to every reader, with no unmeasured warm-up: the first step runs right after the server
 * starts, as the first plenary of the morning meets it.
 */
export async function readAlong(instance, { readers, updates, rate }) {
  return latency(instance, { readers, updates, rate, warmup: 0 });
}

/**
 * Join storm: `clients` fresh clients connect at once to one document of about `textBytes` characters
 * (what a room of people does when the facilitator shares the link): the time until every one has the
 * whole document (its sync step 2 as large as the content), the server's CPU meanwhile, and its peak
 * RSS (VmHWM, on a server started for this alone).
 */
export async function joinStorm(instance, { clients, textBytes, timeoutMs = 120_000 }) {
  const content = draftUpdate(textBytes);
  const [document] = await instance.newDocuments(1);
  const [holder] = await openWithContent(instance, [document], content);
  const all = [holder];
  try {
    const complete = await serverHasContent(instance, [document], textBytes);
    const rssBefore = rssKb(instance.pid);
    const cpuBefore = cpuSeconds(instance.pid);
    const started = performance.now();
    const received = await Promise.all(Array.from({ length: clients }, async () => {
      let bytes = 0;
      const client = clientFor(instance, document, { onUpdate: (update, kind) => void (kind === 'step2' && (bytes = Math.max(bytes, update.byteLength))) });
      all.push(client);
      await client.connect(timeoutMs);
      return bytes;
    }));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(instance.pid) - cpuBefore;
    const peak = peakRssKb(instance.pid);
    const short = received.filter((bytes) => bytes < content.byteLength * 0.9).length;
    return {
      ok: complete && short === 0,
      error: !complete ? 'the server did not hold the full content' : short ? `${short} of ${clients} joiners got less than the whole document` : undefined,
      contentBytes: content.byteLength,
      seconds,
      serverCpuSeconds: cpu,
      rssBeforeKb: rssBefore,
      peakRssKb: peak,
    };
  } finally {
    await closeAll(all);
  }
}

/** A client process of the drafting season (season-worker.mjs), driven over IPC. */
function seasonWorker() {
  const child = fork(new URL('./season-worker.mjs', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = [];
  child.on('message', (message) => waiting.shift()?.(message));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      waiting.push((answer) => (answer.type === 'error' ? reject(new Error(answer.error)) : resolve(answer)));
      child.send(message);
    });
  return { ask, stop: async () => { await ask({ type: 'close' }).catch(() => undefined); child.kill(); await exited; } };
}

/**
 * Drafting season: many documents, each with a small team (`typists` typing `rate` updates/s each, and
 * `readers` following), raised step by step; at each step the time from a typist's send to each
 * reader's receipt (p50/p99) and the server's CPU per delivered update frame. The clients run in
 * `workers` processes of their own, a document's clients all in one. Stops after the first step whose
 * p99 passes `limitMs`: the capacity is the last step within it.
 */
export async function draftingSeason(instance, { steps, typists, readers, rate, durationMs, workers, limitMs }, log = () => {}) {
  const results = [];
  for (const documents of steps) {
    const docs = await instance.newDocuments(documents);
    const pool = Array.from({ length: workers }, seasonWorker);
    try {
      const share = pool.map((_, w) => docs.filter((__, i) => i % workers === w));
      await Promise.all(pool.map((worker, w) => worker.ask({ type: 'prepare', setup: { framing: instance.framing, label: instance.label, documents: share[w], typists, readers } })));
      const cpuBefore = cpuSeconds(instance.pid);
      const answers = await Promise.all(pool.map((worker) => worker.ask({ type: 'run', rate, durationMs })));
      const cpu = cpuSeconds(instance.pid) - cpuBefore;
      const samples = answers.flatMap((a) => a.result.samples);
      const expected = answers.reduce((n, a) => n + a.result.expectedSamples, 0);
      const frames = answers.reduce((n, a) => n + a.result.frames, 0);
      const step = {
        documents,
        connections: documents * (typists + readers),
        updatesPerSecond: answers.reduce((n, a) => n + a.result.sent, 0) / (durationMs / 1000),
        ok: samples.length === expected,
        missing: expected - samples.length,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        // every reader's update frames, in µs of server CPU (typists get frames too; they are not counted)
        cpuMicrosPerReaderFrame: (cpu / Math.max(1, frames)) * 1e6,
        serverCpuShare: cpu / answers[0].result.seconds,
      };
      results.push(step);
      log(`    ${documents} documents (${step.connections} connections, ${Math.round(step.updatesPerSecond)} updates/s): p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, server ${(step.serverCpuShare * 100).toFixed(0)} % of a core${step.missing ? `, ${step.missing} deliveries missing` : ''}`);
      if (!(step.p99 <= limitMs) || !step.ok) break;
    } catch (error) {
      results.push({ documents, ok: false, error: String(error?.message ?? error) });
      log(`    ${documents} documents: ${String(error?.message ?? error).split('\n')[0]}`);
      break;
    } finally {
      await Promise.all(pool.map((worker) => worker.stop()));
    }
  }
  const within = results.filter((r) => r.ok && r.p99 <= limitMs);
  return { ok: within.length > 0, error: within.length ? undefined : 'no step within the limit', steps: results, capacity: within.at(-1)?.documents ?? 0 };
}

/**
 * Cold open. A document gets a history of `updates` one-character updates typed through the server (one
 * typist, at most `window` in flight), the server is stopped and started again on the same storage
 * (`start()` reuses it), and a new client's time from connecting until it holds the whole text is taken,
 * twice, each after a restart: the first open (for ours, the 30 s compactor has not run: the log holds
 * what the room's live folding left) and the second.
 */
/** A reopened document that has grown and then not for this long has arrived as far as it will. */
const STALL_MS = 3000;

export async function coldOpen(start, { updates, window, timeoutMs = 240_000 }) {
  let instance = await start();
  let document;
  let storageSettleMs = 0;
  try {
    [document] = await instance.newDocuments(1);
    const typed = await throughput(instance, { documents: 1, writers: 1, updates, window, timeoutMs, docs: [document] });
    if (!typed.ok) return { ok: false, error: `typing the history: ${typed.error}` };
    // y-leveldb writes in the background after relaying: let it finish before the (graceful) stop
    const settledAt = performance.now();
    await instance.storageSettled?.();
    storageSettleMs = performance.now() - settledAt;
  } finally {
    await instance.stop();
  }
  const opens = [];
  for (let i = 0; i < 2; i++) {
    instance = await start();
    try {
      const logRows = (await instance.logRows?.(document.name)) ?? null;
      const doc = new Y.Doc();
      const cpuBefore = cpuSeconds(instance.pid);
      const started = performance.now();
      const client = clientFor(instance, instance.reopen(document), { doc });
      await client.connect(timeoutMs);
      // whole text, not only "synced": a server may answer the sync before its storage has loaded
      let length = 0;
      let grewAt = performance.now();
      await until(() => {
        const now = textLength(doc);
        if (now !== length) [length, grewAt] = [now, performance.now()];
        return length >= updates || (length > 0 && performance.now() - grewAt > STALL_MS);
      }, timeoutMs, 'the history to arrive');
      const ms = (length >= updates ? performance.now() : grewAt) - started;
      const serverCpuSeconds = cpuSeconds(instance.pid) - cpuBefore;
      await client.close();
      await instance.compacted?.(document.name);
      opens.push({ ms, serverCpuSeconds, logRows, received: length });
    } finally {
      await instance.stop();
    }
  }
  const lost = opens.find((open) => open.received < updates);
  return { ok: !lost, error: lost ? `a reopened client got ${lost.received} of ${updates} characters` : undefined, updates, storageSettleMs, first: opens[0], second: opens[1] };
}
