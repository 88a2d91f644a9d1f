import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
const features = `${root}src/features`;
const require = createRequire(import.meta.url);
/** The API the dev server proxies to (`npm run dev` starts it on this port). */
const api = process.env.API_ORIGIN ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

const MESSAGES = 'virtual:messages/';
const LOCALE_FILE = /\/features\/[^/]+\/messages\/([a-z]{2})\.json$/;

/**
 * `import('virtual:messages/<locale>')`: every feature's `messages/<locale>.json` merged into one
 * module, each message already compiled to its ICU AST (the FormatJS "precompile" setup), so the
 * browser fetches one small chunk for its language and never needs the ICU parser (aliased to its
 * no-parser build below). A syntax error in a message fails the build, naming the file and id.
 */
function messages(): Plugin {
  const compile = (locale: string, watch: (file: string) => void): Record<string, unknown> => {
    const merged: Record<string, unknown> = {};
    for (const feature of readdirSync(features).sort()) {
      const file = `${features}/${feature}/messages/${locale}.json`;
      let source: Record<string, string>;
      try {
        source = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new Error(`${file}: ${(error as Error).message}`);
      }
      watch(file);
      for (const [id, message] of Object.entries(source)) {
        if (id in merged) throw new Error(`${file}: message id ${id} is also defined by another feature`);
        try {
          merged[id] = parse(message);
        } catch (error) {
          throw new Error(`${file}: ${id} is not a valid ICU message (${(error as Error).message})`);
        }
      }
    }
    return merged;
  };
  return {
    name: 'intersessional:messages',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith(MESSAGES) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${MESSAGES}`)) return null;
      const locale = id.slice(MESSAGES.length + 1);
      const ast = compile(locale, (file) => this.addWatchFile(file));
      // JSON.parse of a string literal is parsed faster than the same object as a JS literal
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(ast))});`;
    },
    configureServer(server) {
      // an edited message file: recompile its language and reload the page
      server.watcher.on('change', (file) => {
        const locale = LOCALE_FILE.exec(file.replaceAll('\\', '/'))?.[1];
        if (!locale) return;
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(`\0${MESSAGES}${locale}`);
          if (module) environment.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}

/**
 * main.tsx is a small entry that starts loading the reader's messages and then imports the app
 * (render.tsx). So that the app's code does not wait for main.tsx to run, index.html asks for the
 * app chunk (and its CSS) itself, next to the entry: both download in parallel, then the messages.
 */
function preloadApp(): Plugin {
  return {
    name: 'intersessional:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith('/src/render.tsx'));
        if (!app) throw new Error('no chunk for src/render.tsx');
        const entry = chunks.find((c) => c.isEntry);
        const already = new Set(entry ? [entry.fileName, ...entry.imports] : []);
        const js = [app.fileName, ...app.imports].filter((f) => !already.has(f));
        const css = [...(app.viteMetadata?.importedCss ?? [])];
        return [
          ...css.map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const })),
          ...js.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  plugins: [messages(), react(), preloadApp()],
  resolve: {
    // the libraries meant for clients; Nx module boundaries keep every other one out of the web app
    // (`@intersessional/document-schema/<entry>` is a sub-entry such as `tiptap`: libs/document-schema/src/<entry>/index.ts)
    alias: [
      { find: /^@intersessional\/document-schema\/([\w-]+)$/, replacement: `${workspace}libs/document-schema/src/$1/index.ts` },
      { find: /^@intersessional\/document-schema$/, replacement: `${workspace}libs/document-schema/src/index.ts` },
      // the record's browser-safe main entry only (receipts checked in the browser, on /verify);
      // its `/node` entry is node:crypto and has no alias, so an import of it fails the build
      { find: /^@intersessional\/record$/, replacement: `${workspace}libs/record/src/index.ts` },
      // messages arrive compiled (see messages() above): the ICU parser stays out of the bundle
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: require.resolve('@formatjs/icu-messageformat-parser/no-parser.js'),
      },
      // react-router's package exports only its development build to bundlers (no "production"
      // condition); the production build is the same code with its development warnings switched off
      ...(command === 'build'
        ? [
            { find: /^react-router$/, replacement: require.resolve('react-router').replace('/development/', '/production/').replace(/index\.js$/, 'index.mjs') },
            { find: /^react-router\/dom$/, replacement: require.resolve('react-router/dom').replace('/development/', '/production/').replace(/dom-export\.js$/, 'dom-export.mjs') },
          ]
        : []),
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
}));
