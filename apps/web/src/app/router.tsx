import { createBrowserRouter } from 'react-router';
import { accountRoutes } from '../features/account/routes';
import { commentRoutes } from '../features/comments/routes';
import { consultationRoutes } from '../features/consultation/routes';
import { editorRoutes } from '../features/editor/routes';
import { homeRoutes } from '../features/home/routes';
import { versionRoutes } from '../features/versions/routes';
import { workstreamRoutes } from '../features/workstreams/routes';
import { Loading } from '../design/Loading';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';

/**
 * Every page is its own chunk (`lazy`), so a reader of the comment page never downloads the editor.
 * Paths match the links the API writes into e-mail and notifications (WEB_URL + path).
 */
export const router = createBrowserRouter([
  {
    Component: Layout,
    ErrorBoundary: RouteError,
    // shown while the first page's chunk loads (it is preloaded in parallel with the app: see main.tsx)
    HydrateFallback: Loading,
    children: [...homeRoutes, ...consultationRoutes, ...commentRoutes, ...workstreamRoutes, ...editorRoutes, ...versionRoutes, ...accountRoutes, { path: '*', Component: NotFound }],
  },
]);
