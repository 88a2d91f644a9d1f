import type { RouteObject } from 'react-router';

/** The facilitators' moderation queue of a comment period. */
export const moderationRoutes: RouteObject[] = [
  { path: 'comment-periods/:periodId/moderation', lazy: async () => ({ Component: (await import('./pages/ModerationPage')).ModerationPage }) },
];
