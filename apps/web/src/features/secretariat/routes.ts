import type { RouteObject } from 'react-router';

/** The Secretariat's desk: DC proposals and BPF/PN cycles, accounts, the audit log. */
export const secretariatRoutes: RouteObject[] = [
  { path: 'secretariat', lazy: async () => ({ Component: (await import('./pages/DeskPage')).DeskPage }) },
  { path: 'secretariat/accounts', lazy: async () => ({ Component: (await import('./pages/AccountsPage')).AccountsPage }) },
  { path: 'secretariat/audit', lazy: async () => ({ Component: (await import('./pages/AuditLogPage')).AuditLogPage }) },
];
