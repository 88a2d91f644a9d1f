import type { RouteObject } from 'react-router';

/** Opening a document to public comment, and running the period to its synthesis (its facilitators). */
export const periodRoutes: RouteObject[] = [
  { path: 'comment-periods/:periodId/manage', lazy: async () => ({ Component: (await import('./pages/ManagePeriodPage')).ManagePeriodPage }) },
  { path: 'comment-periods/:periodId/edit', lazy: async () => ({ Component: (await import('./pages/EditPeriodPage')).EditPeriodPage }) },
  { path: 'documents/:documentId/comment-periods/new', lazy: async () => ({ Component: (await import('./pages/OpenPeriodPage')).OpenPeriodPage }) },
];
