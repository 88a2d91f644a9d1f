import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type RequestContext } from '@intersessional/graphql';
import { type ClientInfo } from './client-info';

/** The caller's address, user agent and request id. */
export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const { req, requestId } = GqlExecutionContext.create(ctx).getContext<RequestContext>();
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: agent ?? null, requestId };
});
