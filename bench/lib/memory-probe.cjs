// Preloaded by the bench into every server process it measures (`node --expose-gc --require
// bench/lib/memory-probe.cjs …`), identically for all of them; the servers' code is unchanged. On a
// request over the IPC channel it runs a full garbage collection and answers with
// process.memoryUsage(), so the live heap can be compared, not only RSS (which keeps whatever heap
// V8 once reserved). It does nothing else and does not keep the process alive.
'use strict';

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (!message || message.type !== 'bench:memory') return;
    if (typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    process.send({ type: 'bench:memory', id: message.id, gc: typeof global.gc === 'function', ...process.memoryUsage() });
  });
  process.channel?.unref();
}
