import type { RouteObject } from 'react-router';

/**
 * Versions, comparison, downloads and Markdown import. `documents/new` is a static segment, so it
 * wins over the editor's `documents/:documentId` whatever the order of the route lists.
 */
export const versionRoutes: RouteObject[] = [
  { path: 'documents/new', lazy: async () => ({ Component: (await import('./pages/ImportPage')).ImportPage }) },
  { path: 'documents/:documentId/versions', lazy: async () => ({ Component: (await import('./pages/VersionsPage')).VersionsPage }) },
  { path: 'documents/:documentId/versions/compare', lazy: async () => ({ Component: (await import('./pages/ComparePage')).ComparePage }) },
  { path: 'documents/:documentId/versions/:versionId', lazy: async () => ({ Component: (await import('./pages/VersionPage')).VersionPage }) },
];
