import type { RouteObject } from 'react-router';

export const commentRoutes: RouteObject[] = [];
