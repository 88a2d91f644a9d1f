import type { RouteObject } from 'react-router';

/** The account pages; the links e-mailed by the API land on /reset-password#… and /verify-email#…. */
export const accountRoutes: RouteObject[] = [
  { path: 'sign-in', lazy: async () => ({ Component: (await import('./pages/SignInPage')).SignInPage }) },
  { path: 'register', lazy: async () => ({ Component: (await import('./pages/RegisterPage')).RegisterPage }) },
  { path: 'account', lazy: async () => ({ Component: (await import('./pages/AccountPage')).AccountPage }) },
  { path: 'forgot-password', lazy: async () => ({ Component: (await import('./pages/ForgotPasswordPage')).ForgotPasswordPage }) },
  { path: 'reset-password', lazy: async () => ({ Component: (await import('./pages/ResetPasswordPage')).ResetPasswordPage }) },
  { path: 'verify-email', lazy: async () => ({ Component: (await import('./pages/VerifyEmailPage')).VerifyEmailPage }) },
];
