// Preloaded by the bench into every server process it measures (`node --expose-gc --require
// bench/lib/memory-probe.cjs …`), identically for all of them; the servers' code is unchanged. On a
// request over the IPC channel it runs a full garbage collection and answers with
// process.memoryUsage(), so the live heap can be compared, not only RSS (which keeps whatever heap
// V8 once reserved). On request it also records a CPU profile (node:inspector) between two messages,
// so a bench can profile one phase (BENCH_CPU_PROF); a bench that does not ask pays nothing. It does
// nothing else and does not keep the process alive.
'use strict';

let session = null;

/** Starts the V8 profiler (once), or stops it and answers with the .cpuprofile JSON. */
function profile(message) {
  // a CommonJS preload (--require), loaded only when a bench asks for a profile
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const inspector = require('node:inspector');
  const answer = (extra) => process.send({ type: 'bench:profile', id: message.id, ...extra });
  if (message.action === 'start') {
    session ??= new inspector.Session();
    try { session.connect(); } catch { /* already connected */ }
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
      session.post('Profiler.start', (error) => answer({ ok: !error }))));
    return;
  }
  if (!session) return answer({ ok: false });
  session.post('Profiler.stop', (error, result) => answer({ ok: !error, profile: error ? null : JSON.stringify(result.profile) }));
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message?.type === 'bench:profile') return profile(message);
    if (!message || message.type !== 'bench:memory') return;
    if (typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    process.send({ type: 'bench:memory', id: message.id, gc: typeof global.gc === 'function', ...process.memoryUsage() });
  });
  process.channel?.unref();
}
