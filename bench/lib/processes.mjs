// Child processes of a benchmark run: started tracked, measured through /proc, and always stopped,
// also when the run fails or is interrupted. Every child is killed by its own pid, never by name.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {Array<() => Promise<void> | void>} */
const cleanups = [];

const MEMORY_PROBE = fileURLToPath(new URL('./memory-probe.cjs', import.meta.url));

/**
 * Starts `command` with `args`; the last lines of its output are kept for error reports. `env` is
 * added to this process' environment; a variable set to undefined there is removed.
 */
export function startChild(name, command, args, { env = {}, cwd = process.cwd() } = {}) {
  const merged = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  const child = spawn(command, args, { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  children.add(child);
  const output = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(line);
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  let requests = 0;
  return {
    name,
    pid: child.pid,
    /**
     * Full GC, then process.memoryUsage() of a Node child started with nodeArgsWithProbe(); null if the
     * child does not answer within `timeoutMs`.
     */
    memory(timeoutMs = 10_000) {
      const id = ++requests;
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(null), timeoutMs);
        const onMessage = (message) => message?.type === 'bench:memory' && message.id === id && done(message);
        const done = (value) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(value);
        };
        child.on('message', onMessage);
        if (!child.connected) return done(null);
        child.send({ type: 'bench:memory', id });
      });
    },
    /**
     * Starts (`start`) or stops (`stop`) a CPU profile in a child started with nodeArgsWithProbe();
     * stopping answers with the profile's JSON (Chrome's .cpuprofile format), or null.
     */
    cpuProfile(action, timeoutMs = 30_000) {
      const id = ++requests;
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(null), timeoutMs);
        const onMessage = (message) => message?.type === 'bench:profile' && message.id === id && done(message.ok ? message.profile ?? true : null);
        const done = (value) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(value);
        };
        child.on('message', onMessage);
        if (!child.connected) return done(null);
        child.send({ type: 'bench:profile', id, action });
      });
    },
    child,
    output,
    exited,
    /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const done = await Promise.race([exited, sleep(graceMs).then(() => null)]);
      if (done) return done;
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Node arguments that preload the memory probe (see memory-probe.cjs) before `script`. */
export function nodeArgsWithProbe(script, ...args) {
  // BENCH_SERVER_NODE_ARGS adds Node flags to every server a suite starts, for profiling a run
  // (`--cpu-prof --cpu-prof-dir=/tmp/prof`; Node refuses --cpu-prof in NODE_OPTIONS).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return ['--expose-gc', ...extra, '--require', MEMORY_PROBE, script, ...args];
}

/** Registers an asynchronous cleanup (dropping a database, removing a directory) for the end of the run. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Stops every child still running and runs the registered cleanups, newest first. */
export async function cleanupAll() {
  await Promise.all([...children].map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  })));
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup failed: ${error?.message ?? error}`);
    }
  }
}

let installed = false;
/** Makes sure no child outlives the run: on a signal, an uncaught error or a plain exit. */
export function installExitHandlers() {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
export async function waitForHttp(url, handle, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  void handle.exited.then((e) => (exited = e));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${handle.name} exited (${exited.code ?? exited.signal}) before it was ready:\n${handle.output.slice(-20).join('\n')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${handle.name} was not ready within ${timeoutMs} ms:\n${handle.output.slice(-20).join('\n')}`);
}

/** Resident set size of a process in KiB (VmRSS of /proc/<pid>/status). */
export function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]);
}

/** The largest resident set size a process has had since it started, in KiB (VmHWM). */
export function peakRssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmHWM for ${pid}`);
  return Number(match[1]);
}

let clockTicks = null;
/** CPU time (user + system) a process has used so far, in seconds. */
export function cpuSeconds(pid) {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may contain spaces; the fields after it are fixed
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** RSS of `pid` after it has been left alone for `settleMs`: the median of a few samples. */
export async function settledRssKb(pid, settleMs = 1500, samples = 5) {
  await sleep(settleMs);
  const values = [];
  for (let i = 0; i < samples; i++) {
    values.push(rssKb(pid));
    await sleep(100);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/**
 * Samples, once a second, the CPU use of every process on the machine: PostgreSQL's processes (their
 * work for the server under test) and everything else that is not part of the measurement (not this
 * process, not its children), so a report can say how busy the machine was with other work while a
 * figure was taken. Per-pid deltas, so processes that exit (pool connections closing) do not make the
 * sums go backwards; a process that starts and ends between two samples is missed.
 */
export class OtherLoadMonitor {
  constructor(intervalMs = 1000) {
    this.intervalMs = intervalMs;
    /** { at: performance.now(), cores: other processes, postgres: PostgreSQL processes } in CPU seconds per second */
    this.samples = [];
    this.last = null;
    this.timer = null;
    this.bootTicksAtStart = null;
  }

  start() {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    this.bootTicksAtStart = Math.floor(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * clockTicks);
    this.last = { at: performance.now(), cpu: this.read(true) };
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** CPU seconds so far per pid not part of the bench, marked postgres or not. */
  read(first = false) {
    const ours = new Set([process.pid, ...[...children].map((c) => c.pid)]);
    const cpu = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      if (ours.has(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (ours.has(Number(fields[1]))) continue;
        const seconds = (Number(fields[11]) + Number(fields[12])) / clockTicks;
        const late = !first && Number(fields[19]) > this.bootTicksAtStart;
        cpu.set(pid, { seconds, late, postgres: name === 'postgres' });
      } catch {
        // gone
      }
    }
    return cpu;
  }

  sample() {
    const now = performance.now();
    const cpu = this.read();
    let other = 0;
    let postgres = 0;
    for (const [pid, { seconds, late, postgres: isPostgres }] of cpu) {
      const before = this.last.cpu.get(pid);
      let used = 0;
      if (before) used = Math.max(0, seconds - before.seconds);
      else if (late) used = seconds; // started since the last sample
      if (isPostgres) postgres += used;
      else other += used;
    }
    const elapsed = (now - this.last.at) / 1000;
    this.samples.push({ from: this.last.at, at: now, cores: other / elapsed, postgres: postgres / elapsed });
    this.last = { at: now, cpu };
  }

  /** The samples overlapping [from, to] (performance.now() times). */
  window(from, to) {
    return this.samples.filter((s) => s.at > from && s.from < to);
  }

  /** Mean CPU use of other processes (in cores) between two performance.now() times; NaN without samples. */
  between(from, to) {
    const inside = this.window(from, to);
    return inside.length ? inside.reduce((sum, s) => sum + s.cores, 0) / inside.length : NaN;
  }

  /**
   * Mean CPU use of PostgreSQL (in cores) between two times, each sample weighted by its overlap with
   * the window; waits for the sample that covers `to`. NaN if there is no PostgreSQL process.
   */
  async postgresBetween(from, to) {
    while (!this.samples.length || this.samples.at(-1).at < to) await sleep(this.intervalMs / 4);
    let weighted = 0;
    let total = 0;
    for (const s of this.window(from, to)) {
      const overlap = Math.min(s.at, to) - Math.max(s.from, from);
      weighted += s.postgres * overlap;
      total += overlap;
    }
    return total > 0 ? weighted / total : NaN;
  }
}
