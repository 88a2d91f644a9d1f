import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
/** The API the dev server proxies to (`npm run dev` starts it on this port). */
const api = process.env.API_ORIGIN ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    // the one library meant for clients; Nx module boundaries keep every other one out of the web app
    // (`@intersessional/document-schema/<entry>` is a sub-entry such as `tiptap`: libs/document-schema/src/<entry>/index.ts)
    alias: [
      { find: /^@intersessional\/document-schema\/([\w-]+)$/, replacement: `${workspace}libs/document-schema/src/$1/index.ts` },
      { find: /^@intersessional\/document-schema$/, replacement: `${workspace}libs/document-schema/src/index.ts` },
    ],
  },
  build: {
    outDir: `${workspace}dist/apps/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // hashed file names under /assets: the API serves them with a year-long immutable cache
    assetsDir: 'assets',
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: false },
      '/collab': { target: api, ws: true, changeOrigin: false },
      '/health': { target: api },
    },
  },
});
