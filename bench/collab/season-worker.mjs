// A process of the drafting-season scenario (scenarios.mjs, draftingSeason): it holds the clients of
// some documents (typists and readers of one document always in the same process, so one clock times
// each update from its send to every reader) and answers the bench over IPC.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import { SyncClient, inBatches } from '../lib/ysync-client.mjs';
import { Typist } from './content.mjs';

const rooms = [];
let running = false;

function client(setup, document, options = {}) {
  return new SyncClient({ url: document.url, framing: setup.framing, documentName: document.name, token: document.token, label: setup.label, ...options });
}

async function prepare(setup) {
  await inBatches(setup.documents.map((document) => async () => {
    const room = { typists: [], readers: [], sentAt: new Map(), samples: [], delivered: 0, seen: new Map() };
    for (let i = 0; i < setup.readers; i++) {
      const seen = new Map();
      const reader = client(setup, document, {
        onUpdate: (update) => {
          const now = performance.now();
          room.delivered += 1;
          for (const [id, clock] of Y.parseUpdateMeta(update).to) {
            const last = seen.get(id) ?? 0;
            if (clock <= last) continue;
            seen.set(id, clock);
            const sent = room.sentAt.get(id);
            if (!sent) continue;
            for (let k = last + 1; k <= clock; k++) {
              const t = sent.get(k);
              if (t !== undefined && running) room.samples.push(now - t);
            }
          }
        },
      });
      await reader.connect(60_000);
      room.readers.push({ reader, seen });
    }
    for (let i = 0; i < setup.typists; i++) {
      const typist = new Typist();
      const sender = client(setup, document);
      await sender.connect(60_000);
      room.typists.push({ typist, sender });
      room.sentAt.set(typist.id, new Map());
    }
    rooms.push(room);
  }), 10);
  for (const room of rooms) for (const t of room.typists) t.sender.sendUpdate(t.typist.start());
  const deadline = Date.now() + 60_000;
  while (!rooms.every((room) => room.readers.every(({ seen }) => room.typists.every((t) => (seen.get(t.typist.id) ?? 0) >= t.typist.clock)))) {
    if (Date.now() > deadline) throw new Error('the typists’ paragraphs did not reach every reader');
    await sleep(20);
  }
}

async function run({ rate, durationMs }) {
  const interval = 1000 / rate;
  let sent = 0;
  running = true;
  const started = performance.now();
  // each typist on its own schedule, spread over the interval, as people type independently
  const timers = rooms.flatMap((room) =>
    room.typists.map((t) => {
      const tick = () => {
        const update = t.typist.type();
        room.sentAt.get(t.typist.id).set(t.typist.clock, performance.now());
        t.sender.sendUpdate(update);
        sent += 1;
      };
      let timer = null;
      const first = setTimeout(() => {
        tick();
        timer = setInterval(tick, interval);
      }, Math.random() * interval);
      return () => {
        clearTimeout(first);
        if (timer) clearInterval(timer);
      };
    }),
  );
  await sleep(durationMs);
  timers.forEach((stop) => stop());
  // what was sent reaches every reader (or the wait ends): late deliveries count, missing ones are reported
  const expected = () => rooms.reduce((n, room) => n + room.readers.length * room.typists.reduce((s, t) => s + room.sentAt.get(t.typist.id).size, 0), 0);
  const got = () => rooms.reduce((n, room) => n + room.samples.length, 0);
  const deadline = performance.now() + 5000;
  while (got() < expected() && performance.now() < deadline) await sleep(20);
  running = false;
  const seconds = (performance.now() - started) / 1000;
  return {
    sent,
    seconds,
    samples: rooms.flatMap((room) => room.samples),
    expectedSamples: expected(),
    frames: rooms.reduce((n, room) => n + room.delivered, 0),
    closed: rooms.flatMap((room) => [...room.readers.map((r) => r.reader), ...room.typists.map((t) => t.sender)]).filter((c) => c.closeCode !== null).length,
  };
}

async function close() {
  await Promise.all(rooms.flatMap((room) => [...room.readers.map((r) => r.reader.close()), ...room.typists.map((t) => t.sender.close())]));
}

process.on('message', async (message) => {
  try {
    if (message.type === 'prepare') {
      await prepare(message.setup);
      process.send({ type: 'ready' });
    } else if (message.type === 'run') {
      process.send({ type: 'result', result: await run(message) });
    } else if (message.type === 'close') {
      await close();
      process.send({ type: 'closed' }, () => process.exit(0));
    }
  } catch (error) {
    process.send({ type: 'error', error: String(error?.stack ?? error) });
  }
});
