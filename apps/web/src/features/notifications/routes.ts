import type { RouteObject } from 'react-router';

/** The notification centre: the address the header's bell and e-mail footers point to. */
export const notificationRoutes: RouteObject[] = [
  { path: 'notifications', lazy: async () => ({ Component: (await import('./pages/NotificationsPage')).NotificationsPage }) },
];
