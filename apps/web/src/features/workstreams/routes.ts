import type { RouteObject } from 'react-router';

export const workstreamRoutes: RouteObject[] = [{ path: 'workstreams', lazy: async () => ({ Component: (await import('./pages/DirectoryPage')).DirectoryPage }) }];
