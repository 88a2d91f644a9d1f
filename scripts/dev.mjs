// `npm run dev`: the API (built once, on the embedded database unless DATABASE_URL is set) on
// API_PORT (3000), and Vite's dev server with hot reload on WEB_PORT (5173), proxying /graphql,
// /collab and /health to the API so the app runs on one origin as in production.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const apiPort = process.env.API_PORT ?? '3000';
const webPort = process.env.WEB_PORT ?? '5173';
const run = (command, args, env = {}) => spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

const build = run('node', ['scripts/build.mjs']);
build.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const api = run('node', ['--enable-source-maps', 'dist/apps/api/src/main.js'], { PORT: apiPort, WEB_URL: process.env.WEB_URL ?? `http://127.0.0.1:${webPort}` });
  const web = run('node_modules/.bin/vite', ['-c', 'apps/web/vite.config.mts', '--port', webPort, '--strictPort'], { API_PORT: apiPort });
  const stop = () => {
    api.kill('SIGTERM');
    web.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const child of [api, web]) child.on('exit', (c) => { stop(); process.exitCode = c ?? 0; });
});
