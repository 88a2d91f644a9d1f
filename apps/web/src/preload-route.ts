import type { RouteObject } from 'react-router';

/**
 * Each feature's routes (features/<feature>/routes.ts: paths and `lazy` page imports, no page code).
 * They are small and part of the entry, so the page being opened can start downloading at once.
 */
const features = import.meta.glob<Record<string, unknown>>('./features/*/routes.ts', { eager: true });

// A small matcher of our own rather than react-router's `matchRoutes`: importing react-router here would
// make the tiny entry wait for the router's chunk, which is the download this file exists to overlap.
const segments = (path: string): string[] => path.split('/').filter(Boolean);

function same(pattern: string[], actual: string[]): boolean {
  if (pattern.at(-1) === '*') return pattern.length - 1 <= actual.length && same(pattern.slice(0, -1), actual.slice(0, pattern.length - 1));
  return pattern.length === actual.length && pattern.every((part, i) => part.startsWith(':') || part.toLowerCase() === actual[i]?.toLowerCase());
}

/** The routes that match `actual`, outermost first (a nested route's parents too); empty when none does. */
function match(routes: RouteObject[], parent: string[], actual: string[]): RouteObject[] {
  for (const route of routes) {
    const path = route.index ? parent : [...parent, ...segments(route.path ?? '')];
    if (route.children?.length) {
      const inner = match(route.children, path, actual);
      if (inner.length) return [route, ...inner];
    }
    if (!route.children?.length && same(path, actual)) return [route];
  }
  return [];
}

/**
 * Starts the download of the page at `pathname` (its route's `lazy` import) while the app's own code is
 * still arriving, rather than after it has run; react-router's own call of `lazy` later gets the same
 * module. Only the page being opened is fetched: the editor's chunk stays off the comment page.
 */
export function preloadRoute(pathname: string): void {
  const routes = Object.values(features).flatMap((module) => Object.values(module).filter((value): value is RouteObject[] => Array.isArray(value)).flat());
  for (const route of match(routes, [], segments(pathname))) {
    const lazy = route.lazy as unknown;
    const loads = typeof lazy === 'function' ? [lazy] : lazy && typeof lazy === 'object' ? Object.values(lazy) : [];
    for (const load of loads) if (typeof load === 'function') void Promise.resolve((load as () => unknown)()).catch(() => undefined);
  }
}
