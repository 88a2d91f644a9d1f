import { createBrowserRouter } from 'react-router';
import { accountRoutes } from '../features/account/routes';
import { commentRoutes } from '../features/comments/routes';
import { consultationRoutes } from '../features/consultation/routes';
import { editorRoutes } from '../features/editor/routes';
import { homeRoutes } from '../features/home/routes';
import { versionRoutes } from '../features/versions/routes';
import { workstreamRoutes } from '../features/workstreams/routes';
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
    // nothing is painted until the first page's chunk (preloaded beside the app: see main.tsx) is
    // there, so the first paint is the whole page in the reader's language, not a loading line
    HydrateFallback: () => null,
    children: [...homeRoutes, ...consultationRoutes, ...commentRoutes, ...workstreamRoutes, ...editorRoutes, ...versionRoutes, ...accountRoutes, { path: '*', Component: NotFound }],
  },
]);
