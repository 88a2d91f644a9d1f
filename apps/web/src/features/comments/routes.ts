import type { RouteObject } from 'react-router';

export const commentRoutes: RouteObject[] = [
  { path: 'comment-periods/:periodId/threads/:blockId', lazy: async () => ({ Component: (await import('./pages/ThreadPage')).ThreadPage }) },
  { path: 'my-comments', lazy: async () => ({ Component: (await import('./pages/MyCommentsPage')).MyCommentsPage }) },
  { path: 'comments/guest', lazy: async () => ({ Component: (await import('./pages/GuestCommentPage')).GuestCommentPage }) },
];
