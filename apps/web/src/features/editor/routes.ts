import type { RouteObject } from 'react-router';

export const editorRoutes: RouteObject[] = [{ path: 'documents/:documentId', lazy: async () => ({ Component: (await import('./pages/DocumentPage')).DocumentPage }) }];
