import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '@intersessional/graphql';
import type { Request } from 'express';
import { type Actor } from './actor';

/** The guard stores the authenticated actor here. */
export interface RequestWithActor extends Request {
  actor?: Actor | null;
}

function requestOf(ctx: ExecutionContext): RequestWithActor {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext<{ req: RequestWithActor }>().req;
  return ctx.switchToHttp().getRequest<RequestWithActor>();
}

/** The signed-in actor; the resolver's access rule must require sign-in. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw unauthenticated();
  return actor;
});

/** The actor if signed in, else null (for public resolvers that show more to some people). */
export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | null => requestOf(ctx).actor ?? null,
);

export { requestOf };

/**
 * The actor on a GraphQL context, for a hot field resolver written without parameter decorators (Nest
 * then calls it directly, as `(parent, args, context)`, instead of through its parameter pipeline).
 */
export function actorOfContext(ctx: { req: unknown }): Actor | null {
  return (ctx.req as RequestWithActor).actor ?? null;
}
