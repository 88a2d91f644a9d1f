import type { RouteObject } from 'react-router';

export const accountRoutes: RouteObject[] = [{ path: 'sign-in', lazy: async () => ({ Component: (await import('./pages/SignInPage')).SignInPage }) }];
