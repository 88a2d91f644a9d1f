import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForAsync } from './wait';

/** Debian's HAProxy (`apt-get install haproxy`, which .ci/run does when it is missing), or HAPROXY_PATH. */
export const HAPROXY_PATH = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real HAProxy on loopback in front of `backends` (host:port), as a deployment puts one in front of
 * the API replicas: round robin, WebSocket upgrades tunnelled, a replica that stops answering its
 * liveness check taken out within a second, a connect that fails retried on another one.
 */
export async function startHaproxy(port: number, backends: readonly string[]): Promise<Proxy> {
  if (!existsSync(HAPROXY_PATH)) throw new Error(`no HAProxy at ${HAPROXY_PATH}: install Debian's haproxy package or set HAPROXY_PATH`);
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4000', // two descriptors each: within a default limit of 8,192+
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout tunnel 1h',
      '  retries 3',
      '  option redispatch',
      'frontend api',
      `  bind 127.0.0.1:${port}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  option httpchk GET /health/live',
      '  default-server inter 250ms fall 2 rise 2',
      ...backends.map((backend, i) => `  server api${i + 1} ${backend} check`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY_PATH, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForAsync(async () => {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
    return (await fetch(`${url}/health/live`).catch(() => null))?.ok === true;
  }, 'the proxy to answer');
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
