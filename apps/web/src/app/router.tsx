import { type ComponentType, lazy } from 'react';
import { type RouteObject, useRoutes } from 'react-router';
import { accountRoutes } from '../features/account/routes';
import { answeringRoutes } from '../features/answering/routes';
import { commentRoutes } from '../features/comments/routes';
import { consultationRoutes } from '../features/consultation/routes';
import { editorRoutes } from '../features/editor/routes';
import { homeRoutes } from '../features/home/routes';
import { moderationRoutes } from '../features/moderation/routes';
import { notificationRoutes } from '../features/notifications/routes';
import { periodRoutes } from '../features/periods/routes';
import { recordRoutes } from '../features/record/routes';
import { secretariatRoutes } from '../features/secretariat/routes';
import { versionRoutes } from '../features/versions/routes';
import { workstreamRoutes } from '../features/workstreams/routes';
import { Layout } from './Layout';
import { NotFound } from './NotFound';

/**
 * React Router in declarative mode: the app loads its data with urql, not with route loaders, and the
 * data router (createBrowserRouter) cost 16 KB more gzipped on every page, the comment page included.
 * Features still describe their pages as route objects with a `lazy` import (features/<f>/routes.ts,
 * which main.tsx also reads to start the opened page's download early); each becomes a React.lazy page,
 * so a reader of the comment page never downloads the editor. Paths match the links the API writes
 * into e-mail and notifications (WEB_URL + path).
 */
function pages(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    const { lazy: load, Component, children, ...rest } = route;
    let element = route.element;
    if (typeof load === 'function') {
      const Page = lazy(async () => ({ default: ((await load()) as { Component: ComponentType }).Component }));
      element = <Page />;
    } else if (Component) {
      element = <Component />;
    }
    return { ...rest, element, ...(children ? { children: pages(children) } : {}) } as RouteObject;
  });
}

const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      ...pages([...homeRoutes, ...consultationRoutes, ...answeringRoutes, ...moderationRoutes, ...periodRoutes, ...commentRoutes, ...recordRoutes, ...workstreamRoutes, ...editorRoutes, ...versionRoutes, ...accountRoutes, ...notificationRoutes, ...secretariatRoutes]),
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
