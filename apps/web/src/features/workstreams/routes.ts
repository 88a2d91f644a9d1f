import type { RouteObject } from 'react-router';

export const workstreamRoutes: RouteObject[] = [
  { path: 'workstreams', lazy: async () => ({ Component: (await import('./pages/DirectoryPage')).DirectoryPage }) },
  { path: 'workstreams/:slug', lazy: async () => ({ Component: (await import('./pages/WorkstreamPage')).WorkstreamPage }) },
  { path: 'workstreams/:slug/members', lazy: async () => ({ Component: (await import('./pages/MembersPage')).MembersPage }) },
  { path: 'dynamic-coalitions/compliance', lazy: async () => ({ Component: (await import('./pages/CompliancePage')).CompliancePage }) },
];
