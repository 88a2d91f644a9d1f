import { join } from 'node:path';
import { type ApolloDriverConfig } from '@nestjs/apollo';
import { type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { type AppConfig } from '@intersessional/config';
import { type RequestContext, createErrorFormatter, createRequestContext, queryLimitsPlugin } from '@intersessional/graphql';
import { requestIdPlugin } from './request-id.plugin';

export const SCHEMA_FILE = join(process.cwd(), 'apps/api/schema.gql');

export function graphqlOptions(config: AppConfig, logger: Logger): ApolloDriverConfig {
  const format = createErrorFormatter((error, formatted) =>
    logger.error({ err: error, path: formatted.path }, 'unhandled error while resolving'),
  );
  return {
    path: '/graphql',
    // Development writes the sorted schema to the repository so API changes show up in review;
    // a test fails if the committed file is stale.
    autoSchemaFile: config.NODE_ENV === 'development' ? SCHEMA_FILE : true,
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
