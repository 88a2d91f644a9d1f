// What the web app's chunks are made of: each chunk's bytes attributed, through its source map, to
// the npm package (or app folder) they come from, with a gzip estimate per part (each part's code
// gzipped on its own, so the parts add up to a little more than the chunk's real gzip size).
// `node bench/web/breakdown.mjs [dist/apps/web] [--all]` prints the entry chunk (or every chunk).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

/** 'react-dom', '@urql/core', or 'app:<folder>' for the app's own code. */
export function owner(source) {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const app = /apps\/web\/src\/(.*)$/.exec(source);
  if (app) {
    const parts = app[1].split('/');
    return `app:${parts[0] === 'features' ? `features/${parts[1]}` : parts.length > 1 ? parts[0] : app[1]}`;
  }
  if (source.includes('vite/') || source.includes('\0') || source.startsWith('vite')) return 'vite runtime';
  return source.replace(/^(\.\.\/)+/, '');
}

/** [{ owner, bytes, gzip }] for one chunk, largest first, plus the chunk's own totals. */
export function breakdown(file) {
  const code = readFileSync(file, 'utf8');
  const gzip = gzipSync(code, { level: 9 }).length;
  if (!existsSync(`${file}.map`)) return { file, bytes: Buffer.byteLength(code), gzip, rows: [{ owner: 'bundler runtime (no source map)', bytes: Buffer.byteLength(code), gzip }] };
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const consumer = new SourceMapConsumer(map);
  const lines = code.split('\n');
  const lineStart = [];
  let offset = 0;
  for (const line of lines) {
    lineStart.push(offset);
    offset += line.length + 1;
  }
  // each generated segment runs to the next mapping; the segment belongs to the source of its mapping
  const segments = [];
  consumer.eachMapping((m) => segments.push({ at: lineStart[m.generatedLine - 1] + m.generatedColumn, source: m.source }));
  segments.sort((a, b) => a.at - b.at);
  const parts = new Map();
  const add = (who, text) => parts.set(who, (parts.get(who) ?? '') + text);
  if (segments.length === 0) add('(unmapped)', code);
  else if (segments[0].at > 0) add('(unmapped)', code.slice(0, segments[0].at));
  for (let i = 0; i < segments.length; i++) {
    const end = i + 1 < segments.length ? segments[i + 1].at : code.length;
    add(segments[i].source ? owner(segments[i].source) : '(unmapped)', code.slice(segments[i].at, end));
  }
  const rows = [...parts].map(([who, text]) => ({ owner: who, bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length }));
  rows.sort((a, b) => b.gzip - a.gzip);
  return { file, bytes: Buffer.byteLength(code), gzip, rows };
}

/** The entry chunk named by index.html's module script. */
export function entryChunk(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const src = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('no module script in index.html');
  return join(dist, src);
}

/** The chunks index.html makes the browser fetch before any code runs (entry + modulepreloads). */
export function initialChunks(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => join(dist, m[1]));
  return [...new Set(files)];
}

export function printBreakdown(b, limit = 25) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${b.file}: ${kb(b.bytes)} KB, ${kb(b.gzip)} KB gzipped`);
  for (const row of b.rows.slice(0, limit)) console.log(`  ${kb(row.gzip)} KB gz ${kb(row.bytes)} KB  ${row.owner}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist/apps/web';
  if (args.includes('--all')) {
    for (const f of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))) printBreakdown(breakdown(join(dist, 'assets', f)), 8);
  } else {
    for (const f of initialChunks(dist)) printBreakdown(breakdown(f), 40);
  }
}
