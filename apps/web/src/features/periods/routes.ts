import type { RouteObject } from 'react-router';

/** Opening a document to public comment (its facilitators). */
export const periodRoutes: RouteObject[] = [
  { path: 'documents/:documentId/comment-periods/new', lazy: async () => ({ Component: (await import('./pages/OpenPeriodPage')).OpenPeriodPage }) },
];
