import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Paths the API answers itself (GraphQL, sockets, health, and the downloads of the REST controllers);
 * the web app's fallback never shadows them, even when a browser navigates there.
 */
const API_PATHS =
  /^\/(graphql|collab|health|metrics)(\/|$)|^\/comment-periods\/[^/]+\/(comments|responses|record)\/?$|^\/documents\/[^/]+\/export\/?$|^\/\.well-known\/intersessional-record-keys\/?$/;
const YEAR_S = 365 * 24 * 3600;

/**
 * Content-Security-Policy of the web app's pages: scripts and styles only from this origin (React sets
 * style attributes, and Tiptap's carets are styled inline, hence style 'unsafe-inline'), data only to
 * this origin over HTTP and WebSocket, no frames, no plugins.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebAppMount {
  /** Whether a built app was found (a server run from sources in a spec may have none). */
  served: boolean;
  dir: string;
}

/**
 * Serves the built web app on the API's origin: hashed files under /assets with a year-long immutable
 * cache, index.html never cached (it names the current hashes), and every other GET that asks for a page
 * falls back to index.html so client routes load (e-mail links such as /comment-periods/…). Responses
 * are compressed (gzip), which the JavaScript budget on a slow link counts on; GraphQL answers too.
 */
export function mountWebApp(app: { use: (...handlers: unknown[]) => unknown }, dir: string): WebAppMount {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  app.use(compression({ threshold: 1024 }));
  if (!existsSync(index)) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.status(503).type('text/plain').send(`The web app is not built (no ${index}). Run \`npm run build\` or \`npm start\`.\n`);
    });
    return { served: false, dir: root };
  }
  app.use(
    '/assets',
    express.static(join(root, 'assets'), { immutable: true, maxAge: YEAR_S * 1000, index: false, fallthrough: false }),
  );
  app.use(
    express.static(root, {
      index: false,
      maxAge: 3600 * 1000,
      setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    // a page request (a browser navigating) gets the app; anything else that matched nothing is a 404
    if (!req.headers.accept?.includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.sendFile('index.html', { root });
  });
  return { served: true, dir: root };
}
