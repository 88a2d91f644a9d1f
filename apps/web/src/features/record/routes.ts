import type { RouteObject } from 'react-router';

/** /verify is its own chunk: the record's crypto (hashes, Ed25519) downloads only there. */
export const recordRoutes: RouteObject[] = [{ path: 'verify', lazy: async () => ({ Component: (await import('./pages/VerifyPage')).VerifyPage }) }];
