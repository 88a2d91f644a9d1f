// A static HTML page served gzipped by a bare Node server: the floor the web benchmarks compare with.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { freePort, onCleanup } from './processes.mjs';

/** Serves `html` at `path` on loopback until the run's clean-up; returns its URL and sizes. */
export async function serveStaticPage(html, path) {
  const gz = gzipSync(html);
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'no-cache', 'content-length': gz.length });
    res.end(gz);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  onCleanup(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${port}${path}`, bytes: gz.length, htmlBytes: Buffer.byteLength(html) };
}
