import { type ApolloDriverConfig } from '@nestjs/apollo';
import { type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { type AppConfig } from '@intersessional/config';
import { type RequestContext, createErrorFormatter, createRequestContext, queryLimitsPlugin } from '@intersessional/graphql';
import { requestIdPlugin } from './request-id.plugin';

export function graphqlOptions(config: AppConfig, logger: Logger): ApolloDriverConfig {
  const format = createErrorFormatter((error, formatted) =>
    logger.error({ err: error, path: formatted.path }, 'unhandled error while resolving'),
  );
  return {
    path: '/graphql',
    // Subscriptions (graphql-ws) share this path: SubscriptionServer (subscription-server.ts) claims the
    // WebSocket upgrades, rather than Nest's built-in server, so it can bound frames and close before the drain.
    // Built in memory; the sorted SDL is committed as apps/api/schema.gql and a test fails when it is
    // stale (`npm run schema` rewrites it), so every API change shows up in review.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: true,
    playground: false,
    fieldResolverEnhancers: ['guards'],
    context: (ctx: { req: RequestContext['req']; res: RequestContext['res'] }) => createRequestContext(ctx),
    formatError: (formatted: GraphQLFormattedError, error: unknown) => format(formatted, error),
    plugins: [
      queryLimitsPlugin({ maxDepth: config.GRAPHQL_MAX_DEPTH, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY }),
      requestIdPlugin(),
    ],
  };
}
