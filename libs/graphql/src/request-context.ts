import type { Request, Response } from 'express';
import { Loaders } from './loaders';

/** What every resolver finds in its GraphQL context. */
export interface RequestContext {
  req: Request;
  res: Response;
  requestId: string;
  loaders: Loaders;
}

export function createRequestContext({ req, res }: { req: Request; res: Response }): RequestContext {
  const requestId = String((req as Request & { id?: unknown }).id ?? '');
  return { req, res, requestId, loaders: new Loaders() };
}
