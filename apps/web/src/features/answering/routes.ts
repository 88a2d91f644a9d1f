import type { RouteObject } from 'react-router';

/** The facilitators' answer board of a comment period (the address e-mails and the period page link to). */
export const answeringRoutes: RouteObject[] = [
  { path: 'comment-periods/:periodId/answers', lazy: async () => ({ Component: (await import('./pages/AnswerBoardPage')).AnswerBoardPage }) },
];
