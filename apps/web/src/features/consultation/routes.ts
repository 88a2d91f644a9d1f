import type { RouteObject } from 'react-router';

export const consultationRoutes: RouteObject[] = [
  { path: 'comment-periods/:periodId', lazy: async () => ({ Component: (await import('./pages/CommentPeriodPage')).CommentPeriodPage }) },
];
